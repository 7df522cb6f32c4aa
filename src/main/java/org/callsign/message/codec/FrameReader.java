package org.callsign.message.codec;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import java.util.function.Function;
import org.callsign.config.SignalConfig;
import org.callsign.message.ClientMessage;
import org.callsign.message.ClientMessage.Answer;
import org.callsign.message.ClientMessage.Candidate;
import org.callsign.message.ClientMessage.Decline;
import org.callsign.message.ClientMessage.Ice;
import org.callsign.message.ClientMessage.Invalid;
import org.callsign.message.ClientMessage.Leave;
import org.callsign.message.ClientMessage.Login;
import org.callsign.message.ClientMessage.Offer;
import org.callsign.message.ClientMessage.TooLarge;
import org.callsign.message.ClientMessage.Users;
import org.callsign.message.ErrorCode;

/**
 * Turns one text frame into a {@link ClientMessage}: a checked message, or {@link Invalid}
 * naming what is wrong (docs/protocol.md rules 14-15), or {@link TooLarge} (rule 16).
 *
 * <p>Shapes are checked on the JSON-P tree rather than bound with JSON-B, because JSON-B
 * quietly turns {@code "name": 5} into the string "5" where the protocol wants
 * {@code malformed}.
 *
 * <p>The container asks every decoder's {@code willDecode} and then one decoder's
 * {@code decode} for the same frame on the same thread; the last result per thread is kept
 * so that each frame is parsed once.
 */
public final class FrameReader {

    private static final JsonReaderFactory JSON = Json.createReaderFactory(Map.of());
    private static final ThreadLocal<LastFrame> LAST = new ThreadLocal<>();

    private static final Map<String, Function<JsonObject, ClientMessage>> BINDERS = Map.of(
            "login", FrameReader::login,
            "offer", frame -> new Offer(requiredString(frame, "name"), description(frame, "offer")),
            "answer", frame -> new Answer(requiredString(frame, "name"), description(frame, "answer")),
            "candidate", frame -> new Candidate(requiredString(frame, "name"), object(frame, "candidate")),
            "leave", frame -> new Leave(optionalString(frame, "name")),
            "decline", frame -> new Decline(requiredString(frame, "name")),
            "users", frame -> new Users(optionalString(frame, "prefix"), optionalFlag(frame, "watch")),
            "ice", frame -> new Ice());

    static final int DEFAULT_MAX_MESSAGE_BYTES = 65536;

    private final int maxMessageBytes;

    public FrameReader(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** The reader for the configured {@code signal.max-message-bytes}, one for the application. */
    public static FrameReader configured() {
        return Configured.READER;
    }

    /** What a binary frame of {@code bytes} means: the protocol is JSON text, so it is malformed, or too large. */
    public ClientMessage readBinary(int bytes) {
        return bytes > maxMessageBytes ? new TooLarge(bytes)
                : malformed("binary frames are not part of the protocol; send JSON text");
    }

    /** Reads a frame and keeps the result for this thread's next call. */
    public ClientMessage peek(String text) {
        LastFrame last = LAST.get();
        if (last != null && last.text == text && last.limit == maxMessageBytes) {
            return last.message;
        }
        ClientMessage message = read(text);
        LAST.set(new LastFrame(text, maxMessageBytes, message));
        return message;
    }

    /** Reads a frame, using and then dropping what {@link #peek} kept for it. */
    public ClientMessage take(String text) {
        ClientMessage message = peek(text);
        LAST.remove();
        return message;
    }

    public ClientMessage read(String text) {
        int bytes = Utf8.length(text, maxMessageBytes);
        if (bytes > maxMessageBytes) {
            return new TooLarge(bytes);
        }
        JsonValue parsed;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            parsed = reader.readValue();
        } catch (RuntimeException e) {
            // Parsson reports most bad input as JsonException, but nesting past its depth
            // limit as a bare RuntimeException; parsing has no other way to fail.
            return malformed("The message is not JSON, or nests too deeply.");
        }
        if (!(parsed instanceof JsonObject frame)) {
            return malformed("The message must be a JSON object.");
        }
        if (!(frame.get("type") instanceof JsonString type)) {
            return malformed("The message needs a string field 'type'.");
        }
        Function<JsonObject, ClientMessage> binder = BINDERS.get(type.getString());
        if (binder == null) {
            return new Invalid(ErrorCode.UNKNOWN_TYPE, "Unrecognized command: " + type.getString());
        }
        try {
            return binder.apply(frame);
        } catch (WrongShape e) {
            return malformed(e.getMessage());
        }
    }

    private static ClientMessage login(JsonObject frame) {
        return new Login(requiredString(frame, "name"), optionalString(frame, "token"));
    }

    private static String requiredString(JsonObject frame, String field) {
        String value = optionalString(frame, field);
        if (value == null) {
            throw new WrongShape("'" + field + "' must be a string.");
        }
        return value;
    }

    /** A string, or null when the field is absent or JSON null. */
    private static String optionalString(JsonObject frame, String field) {
        JsonValue value = frame.get(field);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw new WrongShape("'" + field + "' must be a string.");
    }

    /** A boolean; false when the field is absent or JSON null. */
    private static boolean optionalFlag(JsonObject frame, String field) {
        JsonValue value = frame.get(field);
        if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
            return false;
        }
        if (value == JsonValue.TRUE) {
            return true;
        }
        throw new WrongShape("'" + field + "' must be true or false.");
    }

    private static JsonObject object(JsonObject frame, String field) {
        if (frame.get(field) instanceof JsonObject object) {
            return object;
        }
        throw new WrongShape("'" + field + "' must be an object.");
    }

    /** An SDP description: an object with a string {@code sdp}. */
    private static JsonObject description(JsonObject frame, String field) {
        JsonObject description = object(frame, field);
        if (!(description.get("sdp") instanceof JsonString)) {
            throw new WrongShape("'" + field + "' must be an object with a string 'sdp'.");
        }
        return description;
    }

    private static Invalid malformed(String detail) {
        return new Invalid(ErrorCode.MALFORMED, detail);
    }

    private record LastFrame(String text, int limit, ClientMessage message) {}

    private static final class WrongShape extends RuntimeException {
        WrongShape(String detail) {
            super(detail, null, false, false);
        }
    }

    /** Built when first asked for: every decoder of every connection shares it (it holds no state of a frame). */
    private static final class Configured {
        static final FrameReader READER = new FrameReader(SignalConfig.current().maxMessageBytes());
    }
}
