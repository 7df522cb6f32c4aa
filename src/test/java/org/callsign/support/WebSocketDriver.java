package org.callsign.support;

import java.net.URI;
import java.time.Duration;

/**
 * Runs the protocol suite over real WebSockets against a deployed server's endpoint, whose
 * {@code signal.ring-timeout-seconds}, {@code signal.resume-seconds} and
 * {@code signal.users-watch-seconds} are {@code ringTimeout}, {@code resumeWindow} and {@code watchPeriod}.
 */
public record WebSocketDriver(URI signal, Ice ice, Duration ringTimeout, Duration resumeWindow, Duration watchPeriod)
        implements ProtocolDriver {

    /** How often the server's Keepalive sweep runs the router's deadlines. */
    private static final Duration SWEEP = Duration.ofSeconds(1);

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

    @Override
    public void watchPeriodPasses() {
        pass(watchPeriod);
    }

    /**
     * Real time must pass on a real server, and then its once-a-second sweep, which acts on it:
     * only after both can a test say that something did not happen (a watched list not sent).
     */
    private static void pass(Duration time) {
        try {
            Thread.sleep(time.plus(SWEEP).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
