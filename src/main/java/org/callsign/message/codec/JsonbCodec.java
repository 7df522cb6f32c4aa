package org.callsign.message.codec;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.callsign.message.ServerMessage;

/** The one {@link Jsonb} every encoder shares: building one is costly, using it is thread-safe. */
public final class JsonbCodec {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonbCodec() {
    }

    /** Writes a server message with its {@code type} (ServerMessage's JSON-B type info). */
    public static String write(ServerMessage message) {
        return JSONB.toJson(message);
    }
}
