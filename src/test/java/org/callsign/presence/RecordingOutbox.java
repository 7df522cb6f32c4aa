package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.callsign.message.CloseCode;
import org.callsign.message.Outgoing;
import org.callsign.message.ServerMessage.ErrorReply;

/**
 * An Outbox that keeps what the router sent it. The router delivers on the caller's thread,
 * so a test reads the outcome right after its call; racing threads may deliver at once.
 */
public final class RecordingOutbox implements Outbox {

    // +guarded-by this
    private final List<Outgoing> messages = new ArrayList<>();
    private final AtomicReference<CloseCode> closedWith = new AtomicReference<>();

    @Override
    public synchronized void deliver(Outgoing message) {
        messages.add(message);
    }

    @Override
    public boolean close(CloseCode reason) {
        return closedWith.compareAndSet(null, reason);
    }

    public synchronized List<Outgoing> messages() {
        return List.copyOf(messages);
    }

    public <T extends Outgoing> List<T> all(Class<T> type) {
        return messages().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The last message, which must be of {@code type}; fails showing what did arrive. */
    public <T extends Outgoing> T last(Class<T> type) {
        List<Outgoing> arrived = messages();
        assertFalse(arrived.isEmpty(), () -> "expected a " + type.getSimpleName() + ", nothing arrived");
        Outgoing last = arrived.get(arrived.size() - 1);
        assertEquals(type, last.getClass(), () -> "arrived: " + arrived);
        return type.cast(last);
    }

    /** Asserts that the last message is an error with {@code code}. */
    public ErrorReply lastError(String code) {
        ErrorReply error = last(ErrorReply.class);
        assertEquals(code, error.code(), error::toString);
        return error;
    }

    /** Takes everything delivered so far, so that a test can then check what comes next. */
    public synchronized List<Outgoing> drain() {
        List<Outgoing> drained = List.copyOf(messages);
        messages.clear();
        return drained;
    }

    public void assertNothingArrived() {
        assertEquals(List.of(), messages());
    }

    /** The close code the router closed this connection with, or null while open. */
    public CloseCode closedWith() {
        return closedWith.get();
    }
}
