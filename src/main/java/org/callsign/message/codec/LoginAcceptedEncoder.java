package org.callsign.message.codec;

import org.callsign.message.ServerMessage.LoginAccepted;

public final class LoginAcceptedEncoder extends MessageEncoder<LoginAccepted> {
}
