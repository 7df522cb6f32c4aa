package org.callsign.signal;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Open connections counted per client address against {@code signal.max-sessions-per-address}
 * (docs/protocol.md rule 30), and which refusals are worth a log line: the first for an address
 * in a minute. Both maps stay bounded: an address leaves the count with its last connection,
 * so there are never more counted addresses than open connections; a refusal is remembered
 * for a minute, and for at most {@link #REMEMBERED_REFUSALS} addresses at once.
 */
final class AddressLimit {

    /** Past this many addresses refused within a minute, further ones go unlogged; the metric still counts them. */
    static final int REMEMBERED_REFUSALS = 10_000;
    private static final long LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final int perAddress;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetAddress, Long> lastLogged = new ConcurrentHashMap<>();

    AddressLimit(int perAddress) {
        if (perAddress < 1) {
            throw new IllegalArgumentException("signal.max-sessions-per-address must be at least 1, not " + perAddress);
        }
        this.perAddress = perAddress;
    }

    int perAddress() {
        return perAddress;
    }

    /** Counts one more connection from {@code client}, unless it already has as many as allowed. */
    boolean admit(InetAddress client) {
        // Count first, then take it back if that went past the limit: two connections racing
        // for the last place cannot both get it, and every refusal undoes its own increment.
        if (open.merge(client, 1, Integer::sum) > perAddress) {
            release(client);
            return false;
        }
        return true;
    }

    /** One connection from {@code client} ended; its last one takes the address out of the count. */
    void release(InetAddress client) {
        open.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
    }

    /** Addresses with at least one open connection. */
    int addresses() {
        return open.size();
    }

    /** Whether a refusal of {@code client} now should be logged: none was within the last minute. */
    boolean logDue(InetAddress client, long nowNanos) {
        if (lastLogged.size() >= REMEMBERED_REFUSALS && !lastLogged.containsKey(client)) {
            return false;
        }
        AtomicBoolean due = new AtomicBoolean();
        lastLogged.compute(client, (address, loggedAt) -> {
            if (loggedAt != null && nowNanos - loggedAt < LOG_INTERVAL_NANOS) {
                return loggedAt;
            }
            due.set(true);
            return nowNanos;
        });
        return due.get();
    }

    /** Forgets refusals logged a minute ago or earlier; run once a second by the keepalive sweep. */
    void forgetOldRefusals(long nowNanos) {
        lastLogged.values().removeIf(loggedAt -> nowNanos - loggedAt >= LOG_INTERVAL_NANOS);
    }
}
