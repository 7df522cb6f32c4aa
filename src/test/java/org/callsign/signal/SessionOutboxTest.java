package org.callsign.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.callsign.message.CloseCode;
import org.callsign.message.Forwarded;
import org.callsign.message.ServerMessage.RelayedCandidate;
import org.junit.jupiter.api.Test;

/**
 * The byte accounting of docs/protocol.md rule 18 over a session that writes only when told to,
 * as a client that stops reading leaves it. LimitsIT proves the same against the real server.
 */
class SessionOutboxTest {

    /** A session whose sends wait until {@link #write} completes them; it records its close. */
    private static final class Socket {

        final Queue<SendHandler> inFlight = new ArrayDeque<>();
        final List<String> written = new ArrayList<>();
        CloseReason closed;
        final Session session;

        Socket(String id) {
            RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2) {
                            written.add((String) args[0]);
                            inFlight.add((SendHandler) args[1]);
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getAsyncRemote" -> remote;
                        case "getId" -> id;
                        case "isOpen" -> closed == null;
                        case "close" -> {
                            closed = (CloseReason) args[0];
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        /** The client reads: the send in flight completes. */
        void write() {
            inFlight.remove().onResult(new SendResult());
        }

        int closeCode() {
            return closed == null ? -1 : closed.getCloseCode().getCode();
        }
    }

    private final List<SessionOutbox> all = new ArrayList<>();

    private QueueBudget budget(long limit) {
        return new QueueBudget(limit, all);
    }

    private SessionOutbox outbox(Socket socket, int maxMessages, long maxBytes, QueueBudget budget) {
        SessionOutbox outbox = new SessionOutbox(socket.session, maxMessages, maxBytes, budget, SignalEvents.UNCOUNTED);
        all.add(outbox);
        return outbox;
    }

    /** A message whose text is {@code bytes} bytes of UTF-8, {@code accents} of them two-byte characters. */
    private static Forwarded message(int bytes, int accents) {
        String frame = "{\"type\":\"candidate\",\"x\":\"\"}";
        String text = "é".repeat(accents) + "x".repeat(bytes - frame.length() - 2 * accents);
        String json = "{\"type\":\"candidate\",\"x\":\"" + text + "\"}";
        assertEquals(bytes, json.getBytes(StandardCharsets.UTF_8).length);
        return new Forwarded(RelayedCandidate.class, json);
    }

    @Test
    void queuedBytesAreTheUtf8SizeOfWhatIsSentAndWritingReleasesThem() {
        Socket socket = new Socket("s");
        QueueBudget budget = budget(1 << 20);
        SessionOutbox outbox = outbox(socket, 100, 10_000, budget);

        outbox.deliver(message(1000, 300));
        outbox.deliver(message(500, 0));
        assertEquals(1500, outbox.queuedBytes(), "700 chars of which 300 two-byte, plus 500");
        assertEquals(1500, budget.total());

        socket.write();
        assertEquals(500, outbox.queuedBytes());
        socket.write();
        assertEquals(0, outbox.queuedBytes());
        assertEquals(0, budget.total());
        assertEquals(2, socket.written.size());
    }

    @Test
    void aReaderIsClosedWith1008WhenItsQueueWouldPassTheByteCapEvenWithFewMessages() {
        Socket socket = new Socket("s");
        QueueBudget budget = budget(1 << 20);
        SessionOutbox outbox = outbox(socket, 1000, 10_000, budget);

        for (int i = 0; i < 4; i++) {
            outbox.deliver(message(2500, 0));
        }
        assertEquals(-1, socket.closeCode(), "exactly at the cap");
        outbox.deliver(message(100, 0));

        assertEquals(1008, socket.closeCode());
        assertEquals(CloseCode.SLOW_READER, outbox.closedBecause());
        assertEquals(0, budget.total(), "a closed queue holds nothing against the budget");
        socket.write();
        assertEquals(0, budget.total(), "the write in flight at the close is not released twice");
    }

    @Test
    void aMessageLargerThanTheCapIsTakenWhenTheQueueIsEmpty() {
        Socket socket = new Socket("s");
        SessionOutbox outbox = outbox(socket, 1000, 1000, budget(1 << 20));

        outbox.deliver(message(5000, 0));
        assertEquals(-1, socket.closeCode());
        socket.write();
        outbox.deliver(message(5000, 0));
        assertEquals(-1, socket.closeCode(), "the reader reads: each big message goes alone");
        outbox.deliver(message(100, 0));
        assertEquals(1008, socket.closeCode(), "a backlog behind it passes the cap");
    }

    @Test
    void theMessageCapStillHolds() {
        Socket socket = new Socket("s");
        SessionOutbox outbox = outbox(socket, 3, 1 << 20, budget(1 << 20));

        for (int i = 0; i < 3; i++) {
            outbox.deliver(message(100, 0));
        }
        assertEquals(-1, socket.closeCode());
        outbox.deliver(message(100, 0));
        assertEquals(1008, socket.closeCode());
    }

    @Test
    void pastTheBudgetTheLargestQueueIsClosedAndTheOthersStayOpen() {
        QueueBudget budget = budget(25_000);
        Socket small = new Socket("small");
        Socket large = new Socket("large");
        Socket medium = new Socket("medium");
        SessionOutbox smallOutbox = outbox(small, 1000, 10_000, budget);
        SessionOutbox largeOutbox = outbox(large, 1000, 10_000, budget);
        SessionOutbox mediumOutbox = outbox(medium, 1000, 10_000, budget);

        for (int i = 0; i < 10; i++) {
            largeOutbox.deliver(message(1000, 0));
        }
        for (int i = 0; i < 7; i++) {
            mediumOutbox.deliver(message(1000, 0));
        }
        for (int i = 0; i < 8; i++) {
            smallOutbox.deliver(message(1000, 0));
        }
        assertEquals(-1, large.closeCode(), "25,000 bytes in all: at the budget, not past it");
        smallOutbox.deliver(message(1000, 0));

        assertEquals(CloseCode.QUEUE_BUDGET, largeOutbox.closedBecause(), "10,000 against 9,000 and 7,000");
        assertEquals(1008, large.closeCode());
        assertNull(smallOutbox.closedBecause());
        assertNull(mediumOutbox.closedBecause());
        assertEquals(16_000, budget.total());
    }
}
