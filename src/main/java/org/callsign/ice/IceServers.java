package org.callsign.ice;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code iceServers} a user gets at login (docs/protocol.md rule 22): the STUN URLs, and TURN
 * URLs with fresh credentials when a TURN secret is configured. The secret never leaves here.
 */
public final class IceServers {

    private final List<String> stunUrls;
    private final List<String> turnUrls;
    private final Optional<String> turnSecret;
    private final long turnTtlSeconds;
    private final Clock clock;

    public IceServers(List<String> stunUrls, List<String> turnUrls, Optional<String> turnSecret,
                      long turnTtlSeconds, Clock clock) {
        this.stunUrls = List.copyOf(stunUrls);
        this.turnUrls = List.copyOf(turnUrls);
        this.turnSecret = turnSecret.filter(secret -> !secret.isBlank());
        this.turnTtlSeconds = turnTtlSeconds;
        this.clock = clock;
    }

    public static IceServers none() {
        return new IceServers(List.of(), List.of(), Optional.empty(), 0, Clock.systemUTC());
    }

    public List<IceServer> forUser(String name) {
        List<IceServer> servers = new ArrayList<>(2);
        if (!stunUrls.isEmpty()) {
            servers.add(IceServer.stun(stunUrls));
        }
        if (!turnUrls.isEmpty() && turnSecret.isPresent()) {
            long expiry = clock.instant().getEpochSecond() + turnTtlSeconds;
            servers.add(TurnCredentials.issue(turnUrls, turnSecret.get(), name, expiry));
        }
        return servers;
    }
}
