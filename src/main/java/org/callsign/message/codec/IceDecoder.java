package org.callsign.message.codec;

import org.callsign.message.ClientMessage.Ice;

public final class IceDecoder extends MessageDecoder<Ice> {

    public IceDecoder() {
        super(Ice.class);
    }
}
