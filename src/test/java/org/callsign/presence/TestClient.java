package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.callsign.message.ClientMessage;
import org.callsign.message.ClientMessage.Answer;
import org.callsign.message.ClientMessage.Candidate;
import org.callsign.message.ClientMessage.Decline;
import org.callsign.message.ClientMessage.Leave;
import org.callsign.message.ClientMessage.Login;
import org.callsign.message.ClientMessage.Offer;
import org.callsign.message.ClientMessage.Users;
import org.callsign.message.LeaveReason;
import org.callsign.message.Outgoing;
import org.callsign.message.ServerMessage.LoginAccepted;

/** One connection to the Router under test: it sends through the router, receives in its outbox. */
public final class TestClient {

    private final Router router;
    private final RecordingOutbox outbox = new RecordingOutbox();
    private final Connection connection = new Connection(outbox);
    private String token;

    public TestClient(Router router) {
        this.router = router;
    }

    /** A client logged in as {@code name}, its login reply already taken from its outbox. */
    public static TestClient loggedIn(Router router, String name) {
        TestClient client = new TestClient(router);
        client.login(name);
        Outgoing reply = client.outbox.drain().get(0);
        assertTrue(reply instanceof LoginAccepted, () -> "login " + name + ": " + reply);
        client.token = ((LoginAccepted) reply).token();
        return client;
    }

    static JsonObject description(String type, String sdp) {
        return Json.createObjectBuilder().add("type", type).add("sdp", sdp).build();
    }

    static JsonObject iceCandidate(String candidate) {
        return Json.createObjectBuilder().add("candidate", candidate).add("sdpMid", "0")
                .add("sdpMLineIndex", 0).build();
    }

    public void send(ClientMessage message) {
        router.handle(connection, message);
    }

    public void login(String name) {
        login(name, null);
    }

    public void login(String name, String token) {
        send(new Login(name, token));
    }

    public void offer(String callee) {
        send(new Offer(callee, description("offer", "v=0 offer")));
    }

    public void answer(String caller) {
        send(new Answer(caller, description("answer", "v=0 answer")));
    }

    public void candidate(String peer) {
        send(new Candidate(peer, iceCandidate("candidate:1 1 udp 1 192.0.2.1 5000 typ host")));
    }

    public void leave() {
        send(new Leave(null));
    }

    public void decline(String caller) {
        send(new Decline(caller));
    }

    public void users(String prefix) {
        send(new Users(prefix));
    }

    /** What the endpoint does when the socket closes, for whatever reason. */
    public void disconnect() {
        router.disconnected(connection, LeaveReason.DISCONNECTED, "test");
    }

    /** What the endpoint does when the server closes the socket because it is shutting down. */
    public void closedByShutdown() {
        router.disconnected(connection, LeaveReason.SHUTDOWN, "1001 server shutting down");
    }

    public Member member() {
        return connection.member();
    }

    /** The takeover token its login was given (for clients made with {@link #loggedIn}). */
    public String token() {
        return token;
    }

    public RecordingOutbox outbox() {
        return outbox;
    }
}
