package org.callsign.message;

/** Why the server closes a connection, with the WebSocket close code docs/protocol.md assigns. */
public enum CloseCode {
    IDLE(1001, "idle"),
    SHUTTING_DOWN(1001, "server shutting down"),
    FLOODING(1008, "too many messages"),
    SLOW_READER(1008, "not reading"),
    /** The largest queue when all connections' queues together passed their budget (docs/protocol.md rule 18). */
    QUEUE_BUDGET(1008, "not reading, server queues full"),
    LOGIN_TIMEOUT(1008, "no login in time"),
    ADDRESS_FULL(1008, "too many connections from your address"),
    TOO_BIG(1009, "message too large"),
    SERVER_FULL(1013, "server full, try again later"),
    REPLACED(4001, "replaced"),
    /** In a cluster: another login claimed the name first (docs/protocol.md, "Several instances"). */
    CLAIMED_EARLIER(4001, "name claimed earlier elsewhere");

    private final int code;
    private final String reason;

    CloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}
