package org.callsign.message.codec;

import org.callsign.message.ClientMessage.Leave;

public final class LeaveDecoder extends MessageDecoder<Leave> {

    public LeaveDecoder() {
        super(Leave.class);
    }
}
