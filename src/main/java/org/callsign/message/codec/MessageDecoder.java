package org.callsign.message.codec;

import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import org.callsign.message.ClientMessage;

/**
 * The decoder of one message type: it takes the frames that {@link FrameReader} reads as
 * that type. Every frame is taken by exactly one decoder, bad ones by {@link InvalidFrameDecoder}.
 */
abstract class MessageDecoder<T extends ClientMessage> implements Decoder.Text<T> {

    private final Class<T> type;
    /** Volatile: one instance may serve every connection, each of which calls {@link #init}. */
    private volatile FrameReader reader = new FrameReader(FrameReader.DEFAULT_MAX_MESSAGE_BYTES);

    MessageDecoder(Class<T> type) {
        this.type = type;
    }

    @Override
    public void init(EndpointConfig config) {
        reader = FrameReader.configured();
    }

    @Override
    public boolean willDecode(String text) {
        return type.isInstance(reader.peek(text));
    }

    @Override
    public T decode(String text) {
        return type.cast(reader.take(text));
    }
}
