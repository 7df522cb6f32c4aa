package org.callsign.signal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.callsign.message.CloseCode;
import org.callsign.message.Outgoing;
import org.callsign.presence.Outbox;

/**
 * An {@link Outbox} over one WebSocket session: a bounded queue with one asynchronous send in
 * flight. Senders never wait for the socket; a recipient that stops reading fills its queue
 * and is closed with 1008 (docs/protocol.md rule 18) instead of holding memory without bound.
 */
final class SessionOutbox implements Outbox {

    private static final Logger LOG = Logger.getLogger(SessionOutbox.class.getName());
    /** Set while this thread is inside sendObject, so a send completing inline does not recurse. */
    private static final ThreadLocal<SessionOutbox> SENDING_HERE = new ThreadLocal<>();

    private final Session session;
    private final int capacity;
    private final Queue<Outgoing> queue = new ConcurrentLinkedQueue<>();
    /** Messages accepted and not yet written: those queued plus the one in flight. */
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final SignalEvents events;
    /** Why the server closed this connection; null while open or if the client closed it. */
    private final AtomicReference<CloseCode> closedBecause = new AtomicReference<>();

    SessionOutbox(Session session, int capacity, SignalEvents events) {
        this.session = session;
        this.capacity = capacity;
        this.events = events;
    }

    @Override
    public void deliver(Outgoing message) {
        if (closedBecause.get() != null) {
            return;
        }
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            if (close(CloseCode.SLOW_READER)) {
                LOG.info(() -> "closed connection " + session.getId() + ": outgoing queue full");
            }
            return;
        }
        queue.add(message);
        drain();
    }

    /** Closes the session once; true for the call that did. */
    @Override
    public boolean close(CloseCode reason) {
        if (!closedBecause.compareAndSet(null, reason)) {
            return false;
        }
        queue.clear();
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(reason.code()), reason.reason()));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "connection " + session.getId() + " was already closing", e);
        }
        return true;
    }

    CloseCode closedBecause() {
        return closedBecause.get();
    }

    private void drain() {
        // Whoever wins `sending` writes the next message; the completion hands the turn back.
        while (!queue.isEmpty() && sending.compareAndSet(false, true)) {
            Outgoing next = queue.poll();
            if (next == null) {
                sending.set(false);
                continue;
            }
            SENDING_HERE.set(this);
            try {
                session.getAsyncRemote().sendObject(next, result -> sent(next, result));
            } catch (RuntimeException closedMeanwhile) {
                // Tyrus throws a bare RuntimeException for a socket that closed under us.
                sent(next, new SendResult(closedMeanwhile));
            } finally {
                SENDING_HERE.remove();
            }
        }
    }

    private void sent(Outgoing message, SendResult result) {
        pending.decrementAndGet();
        sending.set(false);
        if (result.isOK()) {
            events.sent(message);
        } else {
            LOG.log(Level.FINE, "send to connection " + session.getId() + " failed", result.getException());
        }
        if (SENDING_HERE.get() != this) {
            drain();
        }
    }
}
