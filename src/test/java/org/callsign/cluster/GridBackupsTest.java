package org.callsign.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import org.callsign.ice.IceServers;
import org.callsign.presence.Router;
import org.callsign.presence.TestClient;
import org.callsign.presence.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The name and call maps keep a copy of every entry on three members, so one member that the
 * two others vanish from (as an instance cut off by a partition sees it) still has them all.
 * With the grid's default of one backup, about a third would be gone.
 */
class GridBackupsTest {

    private static final int NAMES = 60;

    private static TestGrid grid;
    private static List<HazelcastInstance> members = new ArrayList<>();

    @BeforeAll
    static void formGrid() {
        grid = new TestGrid(3);
        for (int i = 0; i < 3; i++) {
            members.add(grid.start(i));
        }
    }

    @AfterAll
    static void stopGrid() {
        grid.shutdownAll();
    }

    @Test
    void aMemberLeftAloneStillHasEveryName() {
        GridRegistry registry = new GridRegistry(members.get(0), TestGrid.KEYS);
        try {
            Router router = new Router(registry, IceServers.none(), TestSettings.ROUTER);
            for (int i = 0; i < NAMES; i++) {
                TestClient.loggedIn(router, "kept" + i);
            }
            HazelcastInstance alone = members.get(0);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!alone.getPartitionService().isClusterSafe()) {
                assertTrue(System.nanoTime() < deadline, "backups not in place within 10 s");
                Thread.onSpinWait();
            }

            members.get(1).getLifecycleService().terminate();
            members.get(2).getLifecycleService().terminate();

            assertEquals(NAMES, alone.getMap("signal-names").size());
        } finally {
            registry.close();
        }
    }
}
