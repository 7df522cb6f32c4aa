package org.callsign.message.codec;

import org.callsign.message.ServerMessage.ErrorReply;

public final class ErrorReplyEncoder extends MessageEncoder<ErrorReply> {
}
