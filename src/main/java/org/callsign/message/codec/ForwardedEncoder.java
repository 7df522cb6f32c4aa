package org.callsign.message.codec;

import jakarta.websocket.Encoder;
import org.callsign.message.Forwarded;

/** Sends JSON another instance of the cluster already wrote, unchanged. */
public final class ForwardedEncoder implements Encoder.Text<Forwarded> {

    @Override
    public String encode(Forwarded message) {
        return message.json();
    }
}
