package org.callsign.support;

import java.net.URI;
import java.time.Duration;

/**
 * Runs the protocol suite over real WebSockets against a deployed server's endpoint, whose
 * {@code signal.ring-timeout-seconds} is {@code ringTimeout}.
 */
public record WebSocketDriver(URI signal, Ice ice, Duration ringTimeout) implements ProtocolDriver {

    @Override
    public ProtocolClient connect() {
        return SignalClient.connect(signal);
    }

    /** Real time must pass on a real server; its once-a-second sweep then ends the calls. */
    @Override
    public void ringTimeoutPasses() {
        try {
            Thread.sleep(ringTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
