package org.callsign.config;

import java.util.List;
import java.util.Optional;
import org.callsign.net.TrustedProxies;

/**
 * Every {@code signal.*} key of docs/protocol.md with its default: the one place settings are
 * read (through {@link Settings}), once per application, when first asked for. A clustered
 * instance asks as the application starts, so a bad value fails the deployment with its reason.
 * The container builds some readers of these settings itself (the decoders, per connection),
 * which is why this is a holder any class can reach rather than a CDI bean.
 */
public final class SignalConfig {

    private final int maxMessageBytes = Settings.integer("signal.max-message-bytes", 65536);
    private final int ratePerSecond = Settings.integer("signal.rate.messages-per-second", 50);
    private final int rateBurst = Settings.integer("signal.rate.burst", 200);
    private final int maxQueuedMessages = Settings.integer("signal.max-queued-messages", 1000);
    private final long maxQueuedBytes = Settings.number("signal.max-queued-bytes", 1 << 20);
    private final long maxQueuedBytesTotal = Settings.number("signal.max-queued-bytes-total",
            Runtime.getRuntime().maxMemory() / 4);
    private final List<String> allowedOrigins = Settings.list("signal.allowed-origins");
    private final int pingIntervalSeconds = Settings.integer("signal.ping-interval-seconds", 20);
    private final int idleTimeoutSeconds = Settings.integer("signal.idle-timeout-seconds", 60);
    private final int loginTimeoutSeconds = Settings.integer("signal.login-timeout-seconds", 30);
    private final int maxSessions = Settings.integer("signal.max-sessions", 100_000);
    private final int maxSessionsPerAddress = Settings.integer("signal.max-sessions-per-address", 100);
    private final TrustedProxies trustedProxies = TrustedProxies.parse(Settings.list("signal.trusted-proxies"));
    private final List<String> stunUrls = Settings.list("signal.ice.stun-urls");
    private final List<String> turnUrls = Settings.list("signal.ice.turn-urls");
    private final Optional<String> turnSecret = Settings.text("signal.ice.turn-secret");
    private final long turnTtlSeconds = Settings.number("signal.ice.turn-ttl-seconds", 3600);
    private final int ringTimeoutSeconds = Settings.integer("signal.ring-timeout-seconds", 60);
    private final int resumeSeconds = Settings.integer("signal.resume-seconds", 20);
    private final int usersWatchSeconds = Settings.integer("signal.users-watch-seconds", 10);
    private final boolean clustered = Settings.flag("signal.cluster.enabled", false);
    private final Optional<String> clusterSecret = Settings.text("signal.cluster.secret");

    private SignalConfig() {
    }

    /** The settings, read on the first call. */
    public static SignalConfig current() {
        return Holder.READ;
    }

    /** Largest text frame in UTF-8 bytes; the container's own limit caps it (SignalingEndpoint). */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    public int ratePerSecond() {
        return ratePerSecond;
    }

    public int rateBurst() {
        return rateBurst;
    }

    public int maxQueuedMessages() {
        return maxQueuedMessages;
    }

    /** UTF-8 bytes of the messages waiting for one connection, as they will be sent. */
    public long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /**
     * UTF-8 bytes waiting for all connections together; a quarter of the heap by default, since a
     * queued text can take up to twice its UTF-8 size in the heap (a Java string of UTF-16 chars).
     */
    public long maxQueuedBytesTotal() {
        return maxQueuedBytesTotal;
    }

    public List<String> allowedOrigins() {
        return allowedOrigins;
    }

    public int pingIntervalSeconds() {
        return pingIntervalSeconds;
    }

    public int idleTimeoutSeconds() {
        return idleTimeoutSeconds;
    }

    public int loginTimeoutSeconds() {
        return loginTimeoutSeconds;
    }

    public int maxSessions() {
        return maxSessions;
    }

    /** Open connections one client address may hold (docs/protocol.md rule 30). */
    public int maxSessionsPerAddress() {
        return maxSessionsPerAddress;
    }

    /** The reverse proxies whose X-Forwarded-For, -Proto and -Host are believed. */
    public TrustedProxies trustedProxies() {
        return trustedProxies;
    }

    public List<String> stunUrls() {
        return stunUrls;
    }

    public List<String> turnUrls() {
        return turnUrls;
    }

    /** coturn's {@code static-auth-secret}; never sent to clients. */
    public Optional<String> turnSecret() {
        return turnSecret;
    }

    public long turnTtlSeconds() {
        return turnTtlSeconds;
    }

    /** How long a call may ring unanswered (docs/protocol.md rule 27). */
    public int ringTimeoutSeconds() {
        return ringTimeoutSeconds;
    }

    /** How long a lost connection's user stays away, name and call held, before being freed (rule 24). */
    public int resumeSeconds() {
        return resumeSeconds;
    }

    /** How often, at most, a watched list of who is online is sent again (rule 23). */
    public int usersWatchSeconds() {
        return usersWatchSeconds;
    }

    /** Names and calls in Payara's data grid, shared by every instance of the cluster. */
    public boolean clustered() {
        return clustered;
    }

    /**
     * What every instance of a cluster shares and nobody else knows: the keys that authenticate
     * and encrypt what instances put on the data grid are derived from it (docs/protocol.md rule 35).
     */
    public Optional<String> clusterSecret() {
        return clusterSecret;
    }

    /** Read when first used: the class loader runs this once, thread-safely. */
    private static final class Holder {
        static final SignalConfig READ = new SignalConfig();
    }
}
