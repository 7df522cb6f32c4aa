package org.callsign.presence;

import org.callsign.protocol.ProtocolSuite;
import org.callsign.support.ProtocolDriver;

/** The protocol suite against the router and the in-memory registry: every rule, in milliseconds, without a container. */
class RouterProtocolTest implements ProtocolSuite {

    // JUnit makes an instance per test, so each test gets a router of its own.
    private final InMemoryDriver driver = new InMemoryDriver(Registry.local());

    @Override
    public ProtocolDriver driver() {
        return driver;
    }
}
