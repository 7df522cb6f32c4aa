package org.callsign.presence;

/**
 * One client connection as the router sees it: its outbox and, once logged in, its Member.
 * A connection is bound to at most one Member and never after it has closed, so a login
 * racing a disconnect cannot leave a name behind.
 */
public final class Connection {

    private final Outbox outbox;
    // +guarded-by this
    private Member member;
    // +guarded-by this
    private boolean closed;

    public Connection(Outbox outbox) {
        this.outbox = outbox;
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The Member this connection logged in as, or null. */
    public synchronized Member member() {
        return member;
    }

    synchronized boolean bind(Member loggedIn) {
        if (closed || member != null) {
            return false;
        }
        member = loggedIn;
        return true;
    }

    /** Marks the connection closed and returns the Member it held, if any. */
    synchronized Member close() {
        closed = true;
        return member;
    }
}
