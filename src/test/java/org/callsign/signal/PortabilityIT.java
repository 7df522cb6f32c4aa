package org.callsign.signal;

import static org.callsign.support.Messages.answer;
import static org.callsign.support.Messages.candidate;
import static org.callsign.support.Messages.leave;
import static org.callsign.support.Messages.login;
import static org.callsign.support.Messages.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.callsign.support.RawWebSocket;
import org.callsign.support.ServerProcess;
import org.callsign.support.SignalClient;
import org.junit.jupiter.api.Test;

/**
 * The WAR built for Payara deploys unchanged to GlassFish 7, another Jakarta EE 10 server,
 * which has no MicroProfile: settings then come from system properties, and health and
 * metrics are simply absent. GlassFish upgrades the WebSocket before the servlet filter that
 * tells the origin check the request's own host, so there the page's origin must be listed in
 * {@code signal.allowed-origins} (README, "Other Jakarta EE servers").
 */
class PortabilityIT {

    private static final String PAGE = "http://calls.example";

    @Test
    void onGlassFishTwoPeopleLogInAndCallWithSettingsFromSystemProperties() {
        try (ServerProcess glassFish = ServerProcess.glassFish("glassfish",
                List.of("-Dsignal.ice.stun-urls=stun:stun.example:3478", "-Dsignal.allowed-origins=" + PAGE)).start();
             SignalClient alice = SignalClient.connect(glassFish.signal(), PAGE);
             SignalClient bob = SignalClient.connect(glassFish.signal(), PAGE);
             RawWebSocket stranger = RawWebSocket.open(glassFish.signal(), "http://evil.example")) {
            assertEquals(403, stranger.status());
            bob.send(login("bob"));
            assertTrue(bob.awaitType("login").getBoolean("success"));
            alice.send(login("alice"));
            assertEquals("stun:stun.example:3478", alice.awaitType("login").getJsonArray("iceServers")
                    .getJsonObject(0).getJsonArray("urls").getString(0));

            alice.send(offer("bob", "v=0 alice"));
            assertEquals("alice", bob.awaitType("offer").getString("name"));
            bob.send(answer("alice", "v=0 bob"));
            assertEquals("bob", alice.awaitType("answer").getString("name"));
            alice.send(candidate("bob", "candidate:1"));
            assertEquals("candidate:1", bob.awaitType("candidate").getJsonObject("candidate").getString("candidate"));
            bob.send(leave());
            assertEquals("bob", alice.awaitType("leave").getString("name"));
            alice.send(offer("carol", "v=0"));
            alice.awaitError("user-not-found");
        }
    }
}
