package org.callsign.message.codec;

import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import org.callsign.message.ClientMessage;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The decoder of one message type: it takes the frames that {@link FrameReader} reads as
 * that type. Every frame is taken by exactly one decoder, bad ones by {@link InvalidFrameDecoder}.
 */
abstract class MessageDecoder<T extends ClientMessage> implements Decoder.Text<T> {

    static final String MAX_MESSAGE_BYTES = "signal.max-message-bytes";
    static final int DEFAULT_MAX_MESSAGE_BYTES = 65536;

    private final Class<T> type;
    private FrameReader reader = new FrameReader(DEFAULT_MAX_MESSAGE_BYTES);

    MessageDecoder(Class<T> type) {
        this.type = type;
    }

    @Override
    public void init(EndpointConfig config) {
        int limit = ConfigProvider.getConfig().getOptionalValue(MAX_MESSAGE_BYTES, Integer.class)
                .orElse(DEFAULT_MAX_MESSAGE_BYTES);
        reader = new FrameReader(limit);
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
