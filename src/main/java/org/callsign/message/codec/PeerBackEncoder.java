package org.callsign.message.codec;

import org.callsign.message.ServerMessage.PeerBack;

public final class PeerBackEncoder extends MessageEncoder<PeerBack> {
}
