package org.callsign.cluster;

import org.callsign.presence.InMemoryDriver;
import org.callsign.protocol.ProtocolSuite;
import org.callsign.support.ProtocolDriver;
import org.junit.jupiter.api.AfterEach;

/**
 * The protocol suite against the router over the data-grid registry, without a container: the
 * same rules hold whichever stores the router's rules run on. Every client is on this one
 * instance, so deliveries are as immediate as in memory; across instances see GridRegistryTest.
 */
class GridProtocolTest implements ProtocolSuite {

    private final GridRegistry registry = SharedGrid.emptyRegistry();
    private final InMemoryDriver driver = new InMemoryDriver(registry);

    @Override
    public ProtocolDriver driver() {
        return driver;
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }
}
