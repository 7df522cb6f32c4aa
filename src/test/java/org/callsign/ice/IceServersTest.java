package org.callsign.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IceServersTest {

    private static final List<String> STUN = List.of("stun:stun.example.org:3478");
    private static final List<String> TURN = List.of("turn:turn.example.org:3478", "turns:turn.example.org:5349");
    private static final String SECRET = "s3cret";
    private static final Clock NOW = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    private static List<IceServer> forAlice(List<String> stun, List<String> turn, Optional<String> secret) {
        return new IceServers(stun, turn, secret, 3600, NOW).forUser("alice");
    }

    @Test
    void stunComesFirstThenTurnWithCredentialsExpiringTtlFromNow() {
        List<IceServer> servers = forAlice(STUN, TURN, Optional.of(SECRET));

        assertEquals(List.of(IceServer.stun(STUN),
                new IceServer(TURN, "1700003600:alice", "YAFdW/YDZewZsR1QSgUk2IrfbRI=")), servers);
    }

    @Test
    void theExpiryFollowsTheClock() {
        Clock later = Clock.offset(NOW, Duration.ofSeconds(90));
        IceServer turn = new IceServers(List.of(), TURN, Optional.of(SECRET), 60, later).forUser("bob").get(0);

        assertEquals("1700000150:bob", turn.username());
    }

    @Test
    void theSecretNeverAppearsInWhatAUserGets() {
        String secret = "very-secret-value";
        List<IceServer> servers = forAlice(STUN, TURN, Optional.of(secret));

        assertEquals(2, servers.size());
        assertFalse(servers.toString().contains(secret), servers::toString);
    }

    @Test
    void withoutASecretOnlyStunIsOffered() {
        assertEquals(List.of(IceServer.stun(STUN)), forAlice(STUN, TURN, Optional.empty()));
        assertEquals(List.of(IceServer.stun(STUN)), forAlice(STUN, TURN, Optional.of("  ")));
    }

    @Test
    void withoutUrlsNothingIsOffered() {
        assertEquals(List.of(), forAlice(List.of(), List.of(), Optional.of(SECRET)));
        assertEquals(List.of(), IceServers.none().forUser("alice"));
    }

    @Test
    void turnWithoutStunIsOfferedAlone() {
        List<IceServer> servers = forAlice(List.of(), TURN, Optional.of(SECRET));

        assertEquals(1, servers.size());
        assertEquals(TURN, servers.get(0).urls());
    }
}
