package org.callsign.message.codec;

import jakarta.websocket.Encoder;
import org.callsign.message.ServerMessage;

/** The encoder of one server message type, writing JSON with the shared JSON-B. */
abstract class MessageEncoder<T extends ServerMessage> implements Encoder.Text<T> {

    @Override
    public String encode(T message) {
        return ServerJson.write(message);
    }
}
