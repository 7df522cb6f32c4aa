package org.callsign.signal;

import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.callsign.config.SignalConfig;
import org.callsign.message.CloseCode;
import org.callsign.presence.Connection;

/**
 * One open WebSocket as the transport keeps it: its {@link SessionOutbox}, the router's
 * {@link Connection} over that outbox, its rate limit (docs/protocol.md rule 17), and the
 * clocks the keepalive checks (rules 1 and 20).
 */
final class Link {

    private static final Logger LOG = Logger.getLogger(Link.class.getName());
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Session session;
    /** The address counted against signal.max-sessions-per-address; null where the container hid it. */
    private final InetAddress client;
    private final SessionOutbox outbox;
    private final Connection connection;
    private final RateLimit rateLimit;
    private final long openedAt;
    private volatile long lastSeen;
    private volatile long lastPing;

    Link(Session session, SignalConfig config, QueueBudget budget, SignalEvents events, long nowNanos) {
        this.session = session;
        this.client = SignalConfigurator.clientAddress(session);
        this.outbox = new SessionOutbox(session, config.maxQueuedMessages(), config.maxQueuedBytes(), budget, events);
        this.connection = new Connection(outbox);
        this.rateLimit = new RateLimit(config.ratePerSecond(), config.rateBurst(), nowNanos);
        this.openedAt = nowNanos;
        this.lastSeen = nowNanos;
        this.lastPing = nowNanos;
    }

    Connection connection() {
        return connection;
    }

    SessionOutbox outbox() {
        return outbox;
    }

    InetAddress client() {
        return client;
    }

    String id() {
        return session.getId();
    }

    /** Anything from the client, a pong included, shows it is alive. */
    void seen(long nowNanos) {
        lastSeen = nowNanos;
    }

    RateLimit.Verdict admit(long nowNanos) {
        return rateLimit.admit(nowNanos);
    }

    /** Closes the link if its login or idle deadline has passed; pings it when a ping is due. */
    void check(long nowNanos, SignalConfig config) {
        if (connection.member() == null && elapsed(openedAt, nowNanos) >= config.loginTimeoutSeconds()) {
            if (outbox.close(CloseCode.LOGIN_TIMEOUT)) {
                LOG.info(() -> "closed connection " + id() + ": no login within "
                        + config.loginTimeoutSeconds() + " s");
            }
        } else if (elapsed(lastSeen, nowNanos) >= config.idleTimeoutSeconds()) {
            if (outbox.close(CloseCode.IDLE)) {
                LOG.info(() -> "closed connection " + id() + ": silent for "
                        + config.idleTimeoutSeconds() + " s");
            }
        } else if (elapsed(lastPing, nowNanos) >= config.pingIntervalSeconds()) {
            lastPing = nowNanos;
            ping();
        }
    }

    private void ping() {
        try {
            session.getAsyncRemote().sendPing(EMPTY.duplicate());
        } catch (IOException | IllegalStateException e) {
            // The idle deadline closes a connection that cannot be pinged.
            LOG.log(Level.FINE, "ping to connection " + id() + " failed", e);
        }
    }

    private static long elapsed(long sinceNanos, long nowNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nowNanos - sinceNanos);
    }
}
