package org.callsign.presence;

import java.util.ArrayDeque;
import java.util.Queue;
import org.callsign.message.CloseCode;
import org.callsign.message.Outgoing;
import org.callsign.message.codec.ServerJson;
import org.callsign.message.codec.Utf8;

/**
 * Where one login's messages go across the connections it has over time (docs/protocol.md
 * rules 24-25): straight to its connection while that is open; held in order, within rule 18's
 * limits, while the login is away; handed on in order to the login that resumed it. The name
 * and call stores hold the login's Member, and with it this mailbox, so a message from someone
 * who looked the Member up just before a resume still reaches the resumed connection.
 */
final class Mailbox implements Outbox {

    /** Rule 18's limits, applied to what is held for an away login. */
    record Limits(int maxMessages, long maxBytes) {
    }

    private final Outbox connection;
    /**
     * Where messages go without taking the lock: the connection, then the successor once
     * resumed; null while held. Changed under the lock, after what was held has been passed on.
     */
    private volatile Outbox route;
    // +guarded-by this
    private final Queue<Outgoing> held = new ArrayDeque<>();
    // +guarded-by this
    private long heldBytes;
    // +guarded-by this
    private Limits limits;
    private volatile boolean overflowed;

    Mailbox(Outbox connection) {
        this.connection = connection;
        this.route = connection;
    }

    @Override
    public void deliver(Outgoing message) {
        Outbox open = route;
        if (open != null) {
            open.deliver(message);
            return;
        }
        synchronized (this) {
            if (route != null) {
                route.deliver(message);
            } else {
                hold(message);
            }
        }
    }

    @Override
    public void deliver(Outgoing message, Call within, Member sender) {
        Outbox open = route;
        if (open != null) {
            open.deliver(message, within, sender);
        } else {
            deliver(message);
        }
    }

    /** Closes the connection this mailbox was opened with, never a successor's. */
    @Override
    public boolean close(CloseCode reason) {
        return connection.close(reason);
    }

    /** The connection is lost: hold messages from now on, within {@code limits}, until {@link #handOver} or {@link #discard}. */
    synchronized void holdFromNow(Limits limits) {
        if (route == connection) {
            this.limits = limits;
            route = null;
        }
    }

    /**
     * The login resumed as {@code successor}: passes on what was held, in order, and everything
     * that arrives later. Done once; a mailbox handed over stays so.
     */
    synchronized void handOver(Outbox successor) {
        for (Outgoing message = held.poll(); message != null; message = held.poll()) {
            successor.deliver(message);
        }
        heldBytes = 0;
        route = successor;
    }

    /**
     * The login is over: what was held is dropped, and what still arrives goes to the closed
     * connection, which drops it as any closed connection does.
     */
    synchronized void discard() {
        held.clear();
        heldBytes = 0;
        if (route == null) {
            route = connection;
        }
    }

    /** Whether messages are being held for a resume: the login is away. */
    boolean holding() {
        return route == null;
    }

    /** Whether more arrived while away than rule 18 lets a recipient hold. */
    boolean overflowed() {
        return overflowed;
    }

    // +guarded-by this
    private void hold(Outgoing message) {
        if (overflowed) {
            return;
        }
        long bytes = Utf8.size(ServerJson.text(message));
        if (held.size() + 1 > limits.maxMessages() || heldBytes + bytes > limits.maxBytes()) {
            overflowed = true;
            held.clear();
            heldBytes = 0;
            return;
        }
        held.add(message);
        heldBytes += bytes;
    }
}
