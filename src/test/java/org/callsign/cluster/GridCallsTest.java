package org.callsign.cluster;

import com.hazelcast.core.HazelcastInstance;
import org.callsign.presence.CallsContract;
import org.callsign.presence.Registry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The call table's contract, on a data grid of two members, transitions run on the first. */
class GridCallsTest extends CallsContract {

    private static TestGrid grid;
    private static HazelcastInstance first;
    private GridRegistry registry;

    @BeforeAll
    static void formGrid() {
        grid = new TestGrid(2);
        first = grid.start(0);
        grid.start(1);
    }

    @AfterAll
    static void stopGrid() {
        grid.shutdownAll();
    }

    @Override
    protected Registry emptyRegistry() {
        first.getMap("signal-names").clear();
        first.getMap("signal-calls").clear();
        registry = new GridRegistry(first);
        return registry;
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }
}
