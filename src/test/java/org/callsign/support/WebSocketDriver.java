package org.callsign.support;

import java.net.URI;

/** Runs the protocol suite over real WebSockets against a deployed server's endpoint. */
public record WebSocketDriver(URI signal, Ice ice) implements ProtocolDriver {

    @Override
    public ProtocolClient connect() {
        return SignalClient.connect(signal);
    }
}
