package org.callsign.support;

import java.net.URI;
import java.time.Duration;

/**
 * Runs the protocol suite over real WebSockets against a deployed server's endpoint, whose
 * {@code signal.ring-timeout-seconds} and {@code signal.resume-seconds} are {@code ringTimeout}
 * and {@code resumeWindow}.
 */
public record WebSocketDriver(URI signal, Ice ice, Duration ringTimeout, Duration resumeWindow)
        implements ProtocolDriver {

    @Override
    public ProtocolClient connect() {
        return SignalClient.connect(signal);
    }

    @Override
    public ProtocolClient connectLosable() {
        return SignalClient.connectLosable(signal);
    }

    @Override
    public void ringTimeoutPasses() {
        pass(ringTimeout);
    }

    @Override
    public void resumeWindowPasses() {
        pass(resumeWindow);
    }

    /** Real time must pass on a real server; its once-a-second sweep then acts. */
    private static void pass(Duration time) {
        try {
            Thread.sleep(time.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
