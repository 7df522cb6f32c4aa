package org.callsign.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

/**
 * One client connection speaking the protocol's JSON frames, whatever carries them: a real
 * WebSocket ({@link SignalClient}) or a call into a router in this JVM. Waits fail showing
 * what did arrive; how long they wait is the implementation's business.
 */
public interface ProtocolClient extends AutoCloseable {

    /** Sends one text frame as it is, well-formed or not. */
    void send(String frame);

    default void send(JsonObject message) {
        send(message.toString());
    }

    /** The next message, which must be of {@code type}. */
    JsonObject awaitType(String type);

    /** The next message, which must be an error with {@code code}. */
    default JsonObject awaitError(String code) {
        JsonObject error = awaitType("error");
        assertEquals(code, error.getString("code", null), error::toString);
        return error;
    }

    /** Fails if a message arrives before the connection has had time to receive one. */
    void expectNothing();

    /** Waits for the connection to close, by either side. */
    Closed awaitClose();

    boolean isOpen();

    /** Logs in as {@code name}, failing unless the login succeeds; returns the reply, with its token. */
    default JsonObject logIn(String name) {
        send(Messages.login(name));
        JsonObject reply = awaitType("login");
        assertTrue(reply.getBoolean("success", false), () -> "login as " + name + " refused: " + reply);
        return reply;
    }

    /** A clean close by the client, as a closed tab does. */
    @Override
    void close();

    /**
     * Ends the connection without a close frame, as a network drop does (docs/protocol.md rule 12);
     * only on a connection opened with {@link ProtocolDriver#connectLosable}.
     */
    void loseConnection();

    /** The WebSocket close code and reason a connection ended with. */
    record Closed(int code, String reason) {}
}
