package org.callsign.message;

/** Why a call ended, as {@code leave} tells the peer (docs/protocol.md rule 26). */
public enum LeaveReason {
    /** The peer sent {@code leave}; a caller cancelling a ringing call included. */
    HANGUP("hangup"),
    /** The peer's connection ended. */
    DISCONNECTED("disconnected"),
    /** Nobody answered within {@code signal.ring-timeout-seconds} (rule 27). */
    NO_ANSWER("no-answer"),
    /** The peer's single server instance stopped. */
    SHUTDOWN("shutdown"),
    /** The peer's cluster instance stopped or died, and the peer did not resume elsewhere in time. */
    INSTANCE_LOST("instance-lost");

    private final String wire;

    LeaveReason(String wire) {
        this.wire = wire;
    }

    /**
     * What the peer of a connection that closed hears: {@code closedBecause} is why the server
     * closed it, or null when the client did.
     */
    public static LeaveReason ofClose(CloseCode closedBecause) {
        return closedBecause == CloseCode.SHUTTING_DOWN ? SHUTDOWN : DISCONNECTED;
    }

    /** The value of {@code reason} on the wire. */
    public String wire() {
        return wire;
    }
}
