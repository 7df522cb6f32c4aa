package org.callsign.signal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.callsign.message.CloseCode;
import org.callsign.message.Outgoing;
import org.callsign.message.codec.ServerJson;
import org.callsign.message.codec.Utf8;
import org.callsign.presence.Outbox;

/**
 * An {@link Outbox} over one WebSocket session: a bounded queue with one asynchronous send in
 * flight. Senders never wait for the socket; a recipient that stops reading fills its queue, in
 * messages or in bytes, and is closed with 1008 (docs/protocol.md rule 18) instead of holding
 * memory without bound. A message is encoded once, as it is queued, so that its size is known:
 * the queue holds the text that will be sent, not the message it came from.
 */
final class SessionOutbox implements Outbox {

    private static final Logger LOG = Logger.getLogger(SessionOutbox.class.getName());
    /** Set while this thread is inside sendText, so a send completing inline does not recurse. */
    private static final ThreadLocal<SessionOutbox> SENDING_HERE = new ThreadLocal<>();

    private final Session session;
    private final int maxMessages;
    private final long maxBytes;
    private final QueueBudget budget;
    private final SignalEvents events;

    private final Object lock = new Object();
    // +guarded-by lock
    private final Queue<Text> queue = new ArrayDeque<>();
    /** Messages accepted and not yet written: those queued plus the one in flight. +guarded-by lock */
    private int messages;
    /** Their UTF-8 bytes; written under the lock, read without it by the budget's scan. */
    private volatile long bytes;
    // +guarded-by lock
    private boolean sending;
    /** Why the server closed this connection; null while open or if the client closed it. Written under the lock. */
    private volatile CloseCode closedBecause;

    /** A message as it will be sent, and its size in UTF-8. */
    private record Text(String json, int bytes) {
    }

    SessionOutbox(Session session, int maxMessages, long maxBytes, QueueBudget budget, SignalEvents events) {
        this.session = session;
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.events = events;
    }

    @Override
    public void deliver(Outgoing message) {
        if (closedBecause != null) {
            return;
        }
        String json = ServerJson.text(message);
        Text text = new Text(json, Utf8.size(json));
        boolean full;
        synchronized (lock) {
            if (closedBecause != null) {
                return;
            }
            // A message alone in the queue is always taken: the byte cap stops a backlog, not a big message.
            full = messages >= maxMessages || (bytes > 0 && bytes + text.bytes() > maxBytes);
            if (!full) {
                messages++;
                bytes += text.bytes();
                queue.add(text);
            }
        }
        if (full) {
            if (close(CloseCode.SLOW_READER)) {
                LOG.info(() -> "closed connection " + session.getId() + ": outgoing queue full");
            }
            return;
        }
        events.queued(message);
        budget.add(text.bytes());
        drain();
    }

    /** Closes the session once, dropping what is still queued; true for the call that did. */
    @Override
    public boolean close(CloseCode reason) {
        long dropped;
        synchronized (lock) {
            if (closedBecause != null) {
                return false;
            }
            closedBecause = reason;
            dropped = bytes;
            bytes = 0;
            messages = 0;
            queue.clear();
        }
        budget.release(dropped);
        // A server that is stopping closes the transport at once, as before: that flushes the close
        // frame before the process ends (ShutdownIT saw 1006 when the transport close waited).
        if (reason != CloseCode.SHUTTING_DOWN) {
            TyrusClosingHandshake.arm(session);
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(reason.code()), reason.reason()));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "connection " + session.getId() + " was already closing", e);
        }
        return true;
    }

    CloseCode closedBecause() {
        return closedBecause;
    }

    /** UTF-8 bytes accepted and not yet written. */
    long queuedBytes() {
        return bytes;
    }

    String id() {
        return session.getId();
    }

    private void drain() {
        // Whoever sets `sending` writes the next message; the completion hands the turn back.
        while (true) {
            Text next;
            synchronized (lock) {
                if (sending || queue.isEmpty()) {
                    return;
                }
                next = queue.poll();
                sending = true;
            }
            SENDING_HERE.set(this);
            try {
                session.getAsyncRemote().sendText(next.json(), result -> sent(next, result));
            } catch (RuntimeException closedMeanwhile) {
                // Tyrus throws a bare RuntimeException for a socket that closed under us.
                sent(next, new SendResult(closedMeanwhile));
            } finally {
                SENDING_HERE.remove();
            }
        }
    }

    private void sent(Text text, SendResult result) {
        boolean counted;
        synchronized (lock) {
            sending = false;
            // After a close the queue's bytes were released all at once, this one's included.
            counted = closedBecause == null;
            if (counted) {
                messages--;
                bytes -= text.bytes();
            }
        }
        if (counted) {
            budget.release(text.bytes());
        }
        if (!result.isOK()) {
            LOG.log(Level.FINE, "send to connection " + session.getId() + " failed", result.getException());
        }
        if (SENDING_HERE.get() != this) {
            drain();
        }
    }
}
