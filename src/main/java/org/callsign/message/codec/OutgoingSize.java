package org.callsign.message.codec;

import java.nio.charset.StandardCharsets;
import org.callsign.message.Forwarded;
import org.callsign.message.Outgoing;
import org.callsign.message.ServerMessage;

/** How many bytes a message takes on the wire (UTF-8 JSON), for limits counted in bytes. */
public final class OutgoingSize {

    private OutgoingSize() {
    }

    /** Writes the message to count it: meant for messages held aside, not for every send. */
    public static int utf8Bytes(Outgoing message) {
        String json = message instanceof Forwarded forwarded ? forwarded.json() : ServerJson.write((ServerMessage) message);
        return json.getBytes(StandardCharsets.UTF_8).length;
    }
}
