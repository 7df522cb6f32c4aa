package org.callsign.message.codec;

import org.callsign.message.ServerMessage.RelayedAnswer;

public final class RelayedAnswerEncoder extends MessageEncoder<RelayedAnswer> {
}
