package org.callsign.message.codec;

import org.callsign.message.ServerMessage.RelayedOffer;

public final class RelayedOfferEncoder extends MessageEncoder<RelayedOffer> {
}
