package org.callsign.signal;

/**
 * A token bucket per connection (PROTOCOL.md rule 17): {@code burst} messages at once,
 * {@code perSecond} sustained. A client whose messages keep being dropped, a whole burst's
 * worth in a row, is flooding and gets closed.
 */
final class RateLimit {

    enum Verdict { ACCEPT, DROP, CLOSE }

    private final double tokensPerNano;
    private final int burst;
    // +guarded-by this
    private double tokens;
    // +guarded-by this
    private long refilledAt;
    // +guarded-by this
    private int droppedInARow;

    RateLimit(int perSecond, int burst, long nowNanos) {
        this.tokensPerNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    synchronized Verdict admit(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - refilledAt) * tokensPerNano);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            droppedInARow = 0;
            return Verdict.ACCEPT;
        }
        droppedInARow++;
        return droppedInARow > burst ? Verdict.CLOSE : Verdict.DROP;
    }
}
