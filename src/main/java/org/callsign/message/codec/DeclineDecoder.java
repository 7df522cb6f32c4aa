package org.callsign.message.codec;

import org.callsign.message.ClientMessage.Decline;

public final class DeclineDecoder extends MessageDecoder<Decline> {

    public DeclineDecoder() {
        super(Decline.class);
    }
}
