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
     * Closes the connection; its close then reaches {@link Router#disconnected}. Returns
     * false if it was already closed.
     */
    boolean close(CloseCode reason);
}
