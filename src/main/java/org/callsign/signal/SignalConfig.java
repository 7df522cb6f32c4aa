package org.callsign.signal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.util.List;
import org.callsign.config.Settings;
import org.callsign.ice.IceServers;
import org.callsign.message.codec.FrameReader;

/**
 * Every {@code signal.*} key of docs/protocol.md, in one place, with its default, read once at
 * start through {@link Settings}. The one exception, {@code signal.max-message-bytes}, is read
 * by {@link FrameReader#configured}, since the container creates the decoders that apply it.
 */
@ApplicationScoped
public class SignalConfig {

    private final int ratePerSecond = Settings.integer("signal.rate.messages-per-second", 50);
    private final int rateBurst = Settings.integer("signal.rate.burst", 200);
    private final int maxQueuedMessages = Settings.integer("signal.max-queued-messages", 1000);
    private final List<String> allowedOrigins = Settings.list("signal.allowed-origins");
    private final int pingIntervalSeconds = Settings.integer("signal.ping-interval-seconds", 20);
    private final int idleTimeoutSeconds = Settings.integer("signal.idle-timeout-seconds", 60);
    private final int loginTimeoutSeconds = Settings.integer("signal.login-timeout-seconds", 30);
    private final int maxSessions = Settings.integer("signal.max-sessions", 100_000);
    private final FrameReader frames = FrameReader.configured();

    /** Reads frames the decoders never see (binary ones) against the same size limit. */
    public FrameReader frames() {
        return frames;
    }

    @Produces
    IceServers iceServers() {
        return new IceServers(Settings.list("signal.ice.stun-urls"), Settings.list("signal.ice.turn-urls"),
                Settings.text("signal.ice.turn-secret"), Settings.number("signal.ice.turn-ttl-seconds", 3600),
                Clock.systemUTC());
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
}
