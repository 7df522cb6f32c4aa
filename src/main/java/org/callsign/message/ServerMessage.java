package org.callsign.message;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import java.util.List;
import org.callsign.ice.IceServer;

/** Every message type the server sends. JSON-B writes the {@code type} field from the alias. */
@JsonbTypeInfo(key = "type", value = {
        @JsonbSubtype(alias = "login", type = ServerMessage.LoginAccepted.class),
        @JsonbSubtype(alias = "login", type = ServerMessage.LoginRefused.class),
        @JsonbSubtype(alias = "offer", type = ServerMessage.RelayedOffer.class),
        @JsonbSubtype(alias = "answer", type = ServerMessage.RelayedAnswer.class),
        @JsonbSubtype(alias = "candidate", type = ServerMessage.RelayedCandidate.class),
        @JsonbSubtype(alias = "leave", type = ServerMessage.PeerLeft.class),
        @JsonbSubtype(alias = "decline", type = ServerMessage.Declined.class),
        @JsonbSubtype(alias = "away", type = ServerMessage.PeerAway.class),
        @JsonbSubtype(alias = "back", type = ServerMessage.PeerBack.class),
        @JsonbSubtype(alias = "users", type = ServerMessage.UserList.class),
        @JsonbSubtype(alias = "error", type = ServerMessage.ErrorReply.class),
        @JsonbSubtype(alias = "ice", type = ServerMessage.FreshIce.class)
})
public sealed interface ServerMessage extends Outgoing {

    /**
     * {@code resumed}: the login took over a name it held (rules 24-25); {@code call} is the call
     * it still has then, and null (left out of the JSON) otherwise.
     */
    record LoginAccepted(boolean success, String name, String token, List<IceServer> iceServers, boolean resumed,
                         HeldCall call) implements ServerMessage {
        public LoginAccepted(String name, String token, List<IceServer> iceServers) {
            this(true, name, token, iceServers, false, null);
        }

        public LoginAccepted(String name, String token, List<IceServer> iceServers, HeldCall call) {
            this(true, name, token, iceServers, true, call);
        }
    }

    /** A resumed login's call: with whom, whether it still rings, and which side this login is. */
    record HeldCall(String peer, String state, String role) {
    }

    record LoginRefused(boolean success, String code, String message) implements ServerMessage {
        public LoginRefused(ErrorCode error) {
            this(false, error.code(), error.sentence());
        }
    }

    /** {@code name} is always the sender's logged-in name, never what the sender claimed. */
    record RelayedOffer(String name, JsonObject offer) implements ServerMessage {}

    record RelayedAnswer(String name, JsonObject answer) implements ServerMessage {}

    record RelayedCandidate(String name, JsonObject candidate) implements ServerMessage {}

    /** {@code reason} is a {@link LeaveReason#wire()} value. */
    record PeerLeft(String name, String reason) implements ServerMessage {
        public PeerLeft(String name, LeaveReason reason) {
            this(name, reason.wire());
        }
    }

    record Declined(String name) implements ServerMessage {}

    /** The peer's connection was lost; the call is held while the peer may resume (rule 24). */
    record PeerAway(String name) implements ServerMessage {}

    /** The peer resumed; the call goes on (rules 24-25). */
    record PeerBack(String name) implements ServerMessage {}

    /** The reply to {@code ice} (rule 29): the servers of rule 22 with credentials issued now. */
    record FreshIce(List<IceServer> iceServers) implements ServerMessage {}

    /** The reply to {@code users} (rules 23 and 28): {@code busy} are the listed names in a call or away, in the same order. */
    record UserList(List<String> users, int total, List<String> busy) implements ServerMessage {}

    record ErrorReply(String code, String message) implements ServerMessage {
        public ErrorReply(ErrorCode error, String message) {
            this(error.code(), message);
        }

        public ErrorReply(ErrorCode error) {
            this(error.code(), error.sentence());
        }

        /** The refusal of an answer or candidate for {@code name}, with whom the sender is not in a call. */
        public static ErrorReply notInCallWith(String name) {
            return new ErrorReply(ErrorCode.NOT_IN_CALL, "You are not in a call with " + name + ".");
        }
    }
}
