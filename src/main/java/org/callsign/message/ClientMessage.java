package org.callsign.message;

import jakarta.json.JsonObject;

/**
 * Everything a client can send, already checked for shape. SDP and candidates stay opaque
 * {@link JsonObject}s: the server relays them and never interprets them.
 */
public sealed interface ClientMessage {

    record Login(String name, String token) implements ClientMessage {}

    record Offer(String name, JsonObject offer) implements ClientMessage {}

    record Answer(String name, JsonObject answer) implements ClientMessage {}

    record Candidate(String name, JsonObject candidate) implements ClientMessage {}

    /** {@code name} is optional and ignored: a sender can only end its own call. */
    record Leave(String name) implements ClientMessage {}

    record Decline(String name) implements ClientMessage {}

    /**
     * {@code watch}: after the reply, send the list again whenever it changes (at most once per
     * period), until the next {@code users} from this connection.
     */
    record Users(String prefix, boolean watch) implements ClientMessage {
        public Users(String prefix) {
            this(prefix, false);
        }
    }

    /** Asks for fresh ICE servers (rule 29), before the login's TURN credentials expire. */
    record Ice() implements ClientMessage {}

    /** A frame that is not a valid message: it gets an error reply, the connection stays. */
    record Invalid(ErrorCode code, String detail) implements ClientMessage {}

    /** A frame over {@code signal.max-message-bytes}: the connection is closed with 1009. */
    record TooLarge(int bytes) implements ClientMessage {}
}
