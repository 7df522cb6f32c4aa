package org.callsign.message.codec;

import org.callsign.message.ClientMessage.TooLarge;

public final class TooLargeDecoder extends MessageDecoder<TooLarge> {

    public TooLargeDecoder() {
        super(TooLarge.class);
    }
}
