package org.callsign.presence;

import java.time.Clock;
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

    public InMemoryDriver(Registry registry) {
        router = new Router(registry, new IceServers(List.of(ICE.stunUrl()), List.of(ICE.turnUrl()),
                Optional.of(ICE.secret()), ICE.ttlSeconds(), Clock.systemUTC()), SETTINGS);
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

    /** No waiting in memory: the router is told the time is up, as the server's sweep would. */
    @Override
    public void ringTimeoutPasses() {
        router.checkDeadlines(System.nanoTime() + SETTINGS.ringTimeout().toNanos());
    }

    @Override
    public void resumeWindowPasses() {
        router.checkDeadlines(System.nanoTime() + SETTINGS.resumeWindow().toNanos());
    }

    @Override
    public void watchPeriodPasses() {
        router.checkDeadlines(System.nanoTime() + SETTINGS.watchPeriod().toNanos());
    }
}
