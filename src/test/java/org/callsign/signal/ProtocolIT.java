package org.callsign.signal;

import org.callsign.protocol.ProtocolSuite;
import org.callsign.support.DeployedServerIT;
import org.callsign.support.ProtocolDriver;
import org.callsign.support.WebSocketDriver;

/**
 * The protocol suite over real WebSockets against the built WAR on Payara Micro. The pom runs
 * it twice: with the in-memory registry, and (protocol-on-the-grid) with the clustered one.
 */
class ProtocolIT extends DeployedServerIT implements ProtocolSuite {

    @Override
    public ProtocolDriver driver() {
        return new WebSocketDriver(signal(), ice(), RING_TIMEOUT, RESUME_WINDOW, WATCH_PERIOD);
    }
}
