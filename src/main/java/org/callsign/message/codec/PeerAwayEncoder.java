package org.callsign.message.codec;

import org.callsign.message.ServerMessage.PeerAway;

public final class PeerAwayEncoder extends MessageEncoder<PeerAway> {
}
