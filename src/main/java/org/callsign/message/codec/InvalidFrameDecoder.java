package org.callsign.message.codec;

import org.callsign.message.ClientMessage.Invalid;

/**
 * Takes every frame that is not a valid message, so that the client gets its {@code error}
 * instead of a {@code DecodeException} that the container would only log.
 */
public final class InvalidFrameDecoder extends MessageDecoder<Invalid> {

    public InvalidFrameDecoder() {
        super(Invalid.class);
    }
}
