package org.callsign.message.codec;

import org.callsign.message.ServerMessage.UserList;

public final class UserListEncoder extends MessageEncoder<UserList> {
}
