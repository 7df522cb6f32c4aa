package org.callsign.presence;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.callsign.ice.IceServers;
import org.callsign.support.ProtocolClient;
import org.callsign.support.ProtocolDriver;

/**
 * Runs the protocol suite against a real {@link Router} in this JVM, no container, over the
 * registry it is given: the in-memory one, or one on a data grid of the test's own.
 */
public final class InMemoryDriver implements ProtocolDriver {

    private static final Ice ICE = new Ice("stun:stun.example.org:3478", "turn:turn.example.org:3478?transport=udp",
            "in-memory-secret", 600);

    private static final RouterSettings SETTINGS = TestSettings.ROUTER;

    private final Router router;
    /** How far the router's clock has been moved on past the real one. */
    private volatile long skipped;

    public InMemoryDriver(Registry registry) {
        router = new Router(registry, new IceServers(List.of(ICE.stunUrl()), List.of(ICE.turnUrl()),
                Optional.of(ICE.secret()), ICE.ttlSeconds(), Clock.systemUTC()), SETTINGS,
                () -> System.nanoTime() + skipped);
    }

    @Override
    public ProtocolClient connect() {
        return new InMemoryClient(router);
    }

    @Override
    public ProtocolClient connectLosable() {
        return connect();
    }

    @Override
    public Ice ice() {
        return ICE;
    }

    @Override
    public void ringTimeoutPasses() {
        pass(SETTINGS.ringTimeout());
    }

    @Override
    public void resumeWindowPasses() {
        pass(SETTINGS.resumeWindow());
    }

    @Override
    public void watchPeriodPasses() {
        pass(SETTINGS.watchPeriod());
    }

    /**
     * No waiting in memory: the router's clock is moved on by {@code time}, for good, and it is
     * told so, as the server's sweep would tell it.
     */
    private void pass(Duration time) {
        skipped += time.toNanos();
        router.checkDeadlines();
    }
}
