package org.callsign.message.codec;

import org.callsign.message.ClientMessage.Offer;

public final class OfferDecoder extends MessageDecoder<Offer> {

    public OfferDecoder() {
        super(Offer.class);
    }
}
