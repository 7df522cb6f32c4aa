package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.JsonObject;
import java.time.Duration;
import org.callsign.message.CloseCode;
import org.callsign.message.LeaveReason;
import org.callsign.message.Outgoing;
import org.callsign.message.codec.FrameReader;
import org.callsign.message.codec.ServerJson;
import org.callsign.support.Inbox;
import org.callsign.support.ProtocolClient;

/**
 * A connection to a {@link Router} in this JVM that speaks the same frames as a WebSocket
 * client: what it sends is read by the server's {@link FrameReader}, what the router delivers
 * is written by the server's {@link ServerJson}. The router delivers on the sender's thread, so
 * everything a message causes has arrived when {@link #send} returns: waits take no time.
 */
final class InMemoryClient implements ProtocolClient {

    /** The server's default {@code signal.max-message-bytes}. */
    private static final FrameReader FRAMES = new FrameReader(65536);

    private final Router router;
    private final Inbox inbox = new Inbox();
    private final Connection connection = new Connection(new ToClient());
    private Closed closed;

    InMemoryClient(Router router) {
        this.router = router;
    }

    @Override
    public void send(String frame) {
        if (closed != null) {
            throw new IllegalStateException("cannot send on a connection closed with " + closed);
        }
        router.handle(connection, FRAMES.read(frame));
    }

    @Override
    public JsonObject awaitType(String type) {
        return inbox.awaitType(type, Duration.ZERO);
    }

    @Override
    public void expectNothing() {
        inbox.expectNothing(Duration.ZERO);
    }

    @Override
    public Closed awaitClose() {
        assertNotNull(closed, () -> "connection still open; received " + inbox.received());
        return closed;
    }

    @Override
    public boolean isOpen() {
        return closed == null;
    }

    @Override
    public void loseConnection() {
        if (closed == null) {
            closed = new Closed(1006, "");
            router.lost(connection, "1006 lost");
        }
    }

    @Override
    public void close() {
        if (closed == null) {
            closed = new Closed(1000, "");
            router.disconnected(connection, LeaveReason.DISCONNECTED, "1000 closed by the client");
        }
    }

    /** The server's side of the connection, as the WebSocket transport implements it. */
    private final class ToClient implements Outbox {

        @Override
        public void deliver(Outgoing message) {
            inbox.add(ServerJson.text(message));
        }

        /** The close reaches the router, as a WebSocket close does through the endpoint. */
        @Override
        public boolean close(CloseCode reason) {
            if (closed != null) {
                return false;
            }
            closed = new Closed(reason.code(), reason.reason());
            router.disconnected(connection, LeaveReason.ofClose(reason), reason.code() + " " + reason.reason());
            return true;
        }
    }
}
