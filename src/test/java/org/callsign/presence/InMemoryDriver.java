package org.callsign.presence;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.callsign.ice.IceServers;
import org.callsign.support.ProtocolClient;
import org.callsign.support.ProtocolDriver;

/** Runs the protocol suite against a real {@link Router} with the in-memory registry, no container. */
final class InMemoryDriver implements ProtocolDriver {

    private static final Ice ICE = new Ice("stun:stun.example.org:3478", "turn:turn.example.org:3478?transport=udp",
            "in-memory-secret", 600);

    private final Router router = new Router(Registry.local(), new IceServers(List.of(ICE.stunUrl()),
            List.of(ICE.turnUrl()), Optional.of(ICE.secret()), ICE.ttlSeconds(), Clock.systemUTC()));

    @Override
    public ProtocolClient connect() {
        return new InMemoryClient(router);
    }

    @Override
    public Ice ice() {
        return ICE;
    }
}
