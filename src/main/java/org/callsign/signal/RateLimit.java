package org.callsign.signal;

/**
 * A token bucket per connection (docs/protocol.md rule 17): {@code burst} messages at once,
 * {@code perSecond} sustained; the excess is dropped. A client that keeps flooding, more than
 * a burst's worth of drops with a tenth of a burst forgiven per second, gets closed.
 */
final class RateLimit {

    enum Verdict { ACCEPT, DROP, CLOSE }

    private static final double NANOS_PER_SECOND = 1e9;

    private final double tokensPerNano;
    private final double dropsForgivenPerNano;
    private final int burst;
    // +guarded-by this
    private double tokens;
    // +guarded-by this
    private double drops;
    // +guarded-by this
    private long updatedAt;

    RateLimit(int perSecond, int burst, long nowNanos) {
        this.tokensPerNano = perSecond / NANOS_PER_SECOND;
        this.dropsForgivenPerNano = burst / 10.0 / NANOS_PER_SECOND;
        this.burst = burst;
        this.tokens = burst;
        this.updatedAt = nowNanos;
    }

    synchronized Verdict admit(long nowNanos) {
        long elapsed = nowNanos - updatedAt;
        updatedAt = nowNanos;
        tokens = Math.min(burst, tokens + elapsed * tokensPerNano);
        drops = Math.max(0, drops - elapsed * dropsForgivenPerNano);
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ACCEPT;
        }
        drops += 1;
        return drops > burst ? Verdict.CLOSE : Verdict.DROP;
    }
}
