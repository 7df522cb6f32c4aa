package org.callsign.message.codec;

import org.callsign.message.ServerMessage.FreshIce;

public final class FreshIceEncoder extends MessageEncoder<FreshIce> {
}
