package org.callsign.cluster;

import com.hazelcast.core.HazelcastInstance;

/**
 * One data grid of two members for the contract tests of the grid stores, formed once per test
 * JVM (forming one takes seconds) and left to Hazelcast's shutdown hook. Steps run on the first
 * member, so every map operation may cross to the second, which owns half the partitions.
 */
final class SharedGrid {

    private static HazelcastInstance first;

    private SharedGrid() {
    }

    /** A registry on the shared grid with nobody online and no calls. */
    static synchronized GridRegistry emptyRegistry() {
        if (first == null) {
            TestGrid grid = new TestGrid(2);
            first = grid.start(0);
            grid.start(1);
        }
        first.getMap("signal-names").clear();
        first.getMap("signal-calls").clear();
        return new GridRegistry(first, TestGrid.KEYS);
    }
}
