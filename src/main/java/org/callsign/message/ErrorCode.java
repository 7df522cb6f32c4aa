package org.callsign.message;

/** The error catalogue of docs/protocol.md: the wire code and what it means in words. */
public enum ErrorCode {
    NOT_LOGGED_IN("not-logged-in", "Log in first."),
    INVALID_NAME("invalid-name",
            "A name is 1 to 32 letters, digits, '_', '-' or '.', without spaces."),
    NAME_TAKEN("name-taken", "That name is taken."),
    ALREADY_LOGGED_IN("already-logged-in", "This connection is already logged in."),
    USER_NOT_FOUND("user-not-found", "That user is not online."),
    SELF_CALL("self-call", "You cannot call yourself."),
    BUSY("busy", "That user is in another call."),
    ALREADY_IN_CALL("already-in-call", "You are in another call; hang up first."),
    NOT_IN_CALL("not-in-call", "You are not in a call with that user."),
    MALFORMED("malformed", "The message is not valid."),
    UNKNOWN_TYPE("unknown-type", "Unrecognized command."),
    RATE_LIMITED("rate-limited", "Too many messages; this one was dropped.");

    private final String code;
    private final String sentence;

    ErrorCode(String code, String sentence) {
        this.code = code;
        this.sentence = sentence;
    }

    public String code() {
        return code;
    }

    public String sentence() {
        return sentence;
    }
}
