package org.callsign.signal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.callsign.ice.IceServers;
import org.callsign.message.codec.FrameReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code signal.*} key of PROTOCOL.md, in one place, with its default. Read through
 * MicroProfile Config: a system property, or the environment variable in upper case with
 * '.' and '-' as '_' ({@code SIGNAL_MAX_SESSIONS}). The one exception,
 * {@code signal.max-message-bytes}, is read by {@link FrameReader#configured}, since the
 * container creates the decoders that apply it itself.
 */
@ApplicationScoped
public class SignalConfig {

    @Inject
    @ConfigProperty(name = "signal.rate.messages-per-second", defaultValue = "50")
    int ratePerSecond;

    @Inject
    @ConfigProperty(name = "signal.rate.burst", defaultValue = "200")
    int rateBurst;

    @Inject
    @ConfigProperty(name = "signal.max-queued-messages", defaultValue = "1000")
    int maxQueuedMessages;

    @Inject
    @ConfigProperty(name = "signal.allowed-origins")
    Optional<String> allowedOrigins;

    @Inject
    @ConfigProperty(name = "signal.ping-interval-seconds", defaultValue = "20")
    int pingIntervalSeconds;

    @Inject
    @ConfigProperty(name = "signal.idle-timeout-seconds", defaultValue = "60")
    int idleTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "signal.login-timeout-seconds", defaultValue = "30")
    int loginTimeoutSeconds;

    @Inject
    @ConfigProperty(name = "signal.max-sessions", defaultValue = "100000")
    int maxSessions;

    @Inject
    @ConfigProperty(name = "signal.ice.stun-urls")
    Optional<String> stunUrls;

    @Inject
    @ConfigProperty(name = "signal.ice.turn-urls")
    Optional<String> turnUrls;

    @Inject
    @ConfigProperty(name = "signal.ice.turn-secret")
    Optional<String> turnSecret;

    @Inject
    @ConfigProperty(name = "signal.ice.turn-ttl-seconds", defaultValue = "3600")
    long turnTtlSeconds;

    private final FrameReader frames = FrameReader.configured();

    /** Reads frames the decoders never see (binary ones) against the same size limit. */
    public FrameReader frames() {
        return frames;
    }

    @Produces
    IceServers iceServers() {
        return new IceServers(commaSeparated(stunUrls), commaSeparated(turnUrls), turnSecret,
                turnTtlSeconds, Clock.systemUTC());
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
        return commaSeparated(allowedOrigins);
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

    /**
     * Payara's MicroProfile Config cannot inject {@code Optional<List<String>>}, and a list
     * key with an empty default is "missing"; so list keys are read as one string.
     */
    static List<String> commaSeparated(Optional<String> value) {
        return value.stream()
                .flatMap(text -> Arrays.stream(text.split(",")))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }
}
