package org.callsign.presence;

import org.callsign.message.CloseCode;
import org.callsign.message.Outgoing;

/**
 * Where messages for one connection go. The router only ever talks to this, never to a
 * WebSocket session, so the same routing serves one instance, a cluster and unit tests.
 * Both methods must return at once: a slow recipient never blocks the sender's thread.
 */
public interface Outbox {

    /** Queues a message; messages from one caller arrive in the order they were queued. */
    void deliver(Outgoing message);

    /**
     * Queues a message of call {@code within} from {@code sender} (an offer, answer or candidate).
     * An outbox that reaches its connection through another server instance has the call checked
     * there again before delivering: the sender's view of the call may trail an end made elsewhere.
     */
    default void deliver(Outgoing message, Call within, Member sender) {
        deliver(message);
    }

    /**
     * Closes the connection; its close then reaches {@link Router#disconnected}. Returns
     * false if it was already closed.
     */
    boolean close(CloseCode reason);
}
