package org.callsign.message.codec;

import org.callsign.message.ClientMessage.Users;

public final class UsersDecoder extends MessageDecoder<Users> {

    public UsersDecoder() {
        super(Users.class);
    }
}
