package org.callsign.presence;

import java.time.Duration;
import org.callsign.config.SignalConfig;

/**
 * The router's times and limits: how long a call may ring (docs/protocol.md rule 27), how long
 * a lost login is held for a resume (rule 24; zero frees names at once, as version 1 did), and
 * how much may be held for it meanwhile (rule 18's limits), and how often a watched list of who
 * is online may be sent again (rule 23).
 */
public record RouterSettings(Duration ringTimeout, Duration resumeWindow, int maxHeldMessages, long maxHeldBytes,
                             Duration watchPeriod) {

    public static RouterSettings configured() {
        SignalConfig config = SignalConfig.current();
        return new RouterSettings(Duration.ofSeconds(config.ringTimeoutSeconds()),
                Duration.ofSeconds(config.resumeSeconds()), config.maxQueuedMessages(), config.maxQueuedBytes(),
                Duration.ofSeconds(config.usersWatchSeconds()));
    }

    Mailbox.Limits heldLimits() {
        return new Mailbox.Limits(maxHeldMessages, maxHeldBytes);
    }
}
