package org.callsign.message.codec;

import org.callsign.message.ServerMessage.Declined;

public final class DeclinedEncoder extends MessageEncoder<Declined> {
}
