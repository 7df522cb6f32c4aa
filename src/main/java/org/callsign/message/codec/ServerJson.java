package org.callsign.message.codec;

import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.callsign.message.Forwarded;
import org.callsign.message.Outgoing;
import org.callsign.message.ServerMessage;
import org.callsign.message.ServerMessage.RelayedAnswer;
import org.callsign.message.ServerMessage.RelayedCandidate;
import org.callsign.message.ServerMessage.RelayedOffer;

/**
 * Writes a server message as the JSON text of docs/protocol.md. The relayed messages (offer,
 * answer, candidate) are almost all of the traffic, and their payload is JSON already: they are
 * written by hand around it, which costs a fraction of binding a record through JSON-B. Every
 * other message goes through the one shared {@link Jsonb} (building one is costly, using it is
 * thread-safe), which writes the {@code type} field from ServerMessage's type info.
 */
public final class ServerJson {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private ServerJson() {
    }

    /** The text a connection is sent for {@code message}: JSON another instance wrote is sent as it is. */
    public static String text(Outgoing message) {
        return message instanceof Forwarded forwarded ? forwarded.json() : write((ServerMessage) message);
    }

    public static String write(ServerMessage message) {
        if (message instanceof RelayedCandidate candidate) {
            return relayed("candidate", candidate.name(), candidate.candidate());
        }
        if (message instanceof RelayedOffer offer) {
            return relayed("offer", offer.name(), offer.offer());
        }
        if (message instanceof RelayedAnswer answer) {
            return relayed("answer", answer.name(), answer.answer());
        }
        return JSONB.toJson(message);
    }

    /** {@code {"type":TYPE,"name":NAME,TYPE:PAYLOAD}}: the payload field is named as the type. */
    private static String relayed(String type, String name, JsonObject payload) {
        String body = payload.toString();
        StringBuilder json = new StringBuilder(body.length() + name.length() + 2 * type.length() + 32);
        json.append("{\"type\":\"").append(type).append("\",\"name\":");
        quote(name, json);
        return json.append(",\"").append(type).append("\":").append(body).append('}').toString();
    }

    /** A JSON string; names are letters, digits and {@code _-.} (rule 2), but nothing here relies on it. */
    private static void quote(String text, StringBuilder json) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        json.append('"');
    }
}
