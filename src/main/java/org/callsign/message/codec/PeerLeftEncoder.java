package org.callsign.message.codec;

import org.callsign.message.ServerMessage.PeerLeft;

public final class PeerLeftEncoder extends MessageEncoder<PeerLeft> {
}
