package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.callsign.ice.IceServers;
import org.callsign.message.ServerMessage.LoginAccepted;
import org.callsign.message.ServerMessage.PeerLeft;
import org.junit.jupiter.api.Test;

/**
 * A single instance that shuts down: nothing survives it, so its logins are logged out at once
 * (docs/protocol.md rule 12); in a cluster the others hold them instead (GridRegistryTest).
 */
class RouterShutdownTest {

    private final Router router = new Router(Registry.local(), IceServers.none(), TestSettings.ROUTER);

    @Test
    void aSingleInstanceShuttingDownFreesNamesAtOnceAndPeersHearShutdown() {
        TestClient caller = TestClient.loggedIn(router, "amy");
        TestClient callee = TestClient.loggedIn(router, "ben");
        caller.offer("ben");
        caller.closedByShutdown();

        assertEquals(new PeerLeft("amy", "shutdown"), callee.outbox().last(PeerLeft.class));
        TestClient again = new TestClient(router);
        again.login("amy");
        again.outbox().last(LoginAccepted.class);
    }
}
