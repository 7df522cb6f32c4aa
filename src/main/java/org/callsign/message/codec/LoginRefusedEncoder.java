package org.callsign.message.codec;

import org.callsign.message.ServerMessage.LoginRefused;

public final class LoginRefusedEncoder extends MessageEncoder<LoginRefused> {
}
