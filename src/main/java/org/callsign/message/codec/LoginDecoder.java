package org.callsign.message.codec;

import org.callsign.message.ClientMessage.Login;

public final class LoginDecoder extends MessageDecoder<Login> {

    public LoginDecoder() {
        super(Login.class);
    }
}
