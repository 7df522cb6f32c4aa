package org.callsign.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.callsign.support.ServerProcess;

/**
 * Real Hazelcast members in the test's own JVM, clustered over loopback: the same data grid
 * Payara Micro embeds (same version), without the server around it, so a unit test can race
 * registries on two members in milliseconds and kill one at will.
 */
final class TestGrid {

    /** The keys every registry of the test grids shares, as a cluster's instances share their secret. */
    static final ClusterKeys KEYS = ClusterKeys.of(Optional.of(ServerProcess.CLUSTER_SECRET));

    private final String clusterName = "callsign-unit-" + UUID.randomUUID();
    private final List<Integer> ports;
    private final List<HazelcastInstance> started = new ArrayList<>();

    TestGrid(int capacity) {
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < capacity; i++) {
            free.add(ServerProcess.freePort());
        }
        this.ports = List.copyOf(free);
    }

    /** Starts member {@code index} and returns once it has joined the others started so far. */
    HazelcastInstance start(int index) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(ports.get(index)).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(ports.stream().map(port -> "127.0.0.1:" + port).toList());
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        started.add(member);
        return member;
    }

    void shutdownAll() {
        for (HazelcastInstance member : started) {
            if (member.getLifecycleService().isRunning()) {
                member.shutdown();
            }
        }
    }
}
