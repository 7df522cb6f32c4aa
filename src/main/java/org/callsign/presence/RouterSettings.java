package org.callsign.presence;

import java.time.Duration;
import org.callsign.config.SignalConfig;

/**
 * The router's times and limits: how long a call may ring (docs/protocol.md rule 27), how long
 * a lost login is held for a resume (rule 24; zero frees names at once, as version 1 did), and
 * how much may be held for it meanwhile (rule 18's limits).
 */
public record RouterSettings(Duration ringTimeout, Duration resumeWindow, int maxHeldMessages, long maxHeldBytes) {

    public static RouterSettings configured() {
        SignalConfig config = SignalConfig.current();
        return new RouterSettings(Duration.ofSeconds(config.ringTimeoutSeconds()),
                Duration.ofSeconds(config.resumeSeconds()), config.maxQueuedMessages(), config.maxQueuedBytes());
    }

    Mailbox.Limits heldLimits() {
        return new Mailbox.Limits(maxHeldMessages, maxHeldBytes);
    }
}
