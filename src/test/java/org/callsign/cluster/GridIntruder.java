package org.callsign.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Someone who can reach the data grid's port and knows the cluster's name, nothing more: a plain
 * Hazelcast client of the version Payara embeds, with no class of ours. It reads and writes the
 * grid's maps and topics as any client may; what it must not achieve is GridAttackIT's subject.
 */
final class GridIntruder implements AutoCloseable {

    private static final String MAP_SERVICE = "hz:impl:mapService";
    private static final String TOPIC_SERVICE = "hz:impl:topicService";
    private static final String RELIABLE_TOPIC_SERVICE = "hz:impl:reliableTopicService";
    /** The prefix of the instances' topics, whatever their names become after it. */
    private static final String SIGNAL_PREFIX = "signal-";

    private final HazelcastInstance client;

    private GridIntruder(HazelcastInstance client) {
        this.client = client;
    }

    /** Connects to the members at {@code gridPorts} on loopback as a client of cluster {@code clusterName}. */
    static GridIntruder connect(String clusterName, List<Integer> gridPorts) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getMetricsConfig().setEnabled(false);
        config.getNetworkConfig().setSmartRouting(true)
                .setAddresses(gridPorts.stream().map(port -> "127.0.0.1:" + port).toList());
        config.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(30_000);
        return new GridIntruder(HazelcastClient.newHazelcastClient(config));
    }

    int members() {
        return client.getCluster().getMembers().size();
    }

    /** Every distributed object the cluster lists, as "service name". */
    List<String> objects() {
        return client.getDistributedObjects().stream()
                .map(object -> object.getServiceName() + " " + object.getName()).sorted().toList();
    }

    /** The names of every map the cluster lists, and the application's two even if it lists them not. */
    Collection<String> mapNames() {
        TreeSet<String> names = new TreeSet<>(List.of("signal-names", "signal-calls"));
        for (DistributedObject object : client.getDistributedObjects()) {
            if (MAP_SERVICE.equals(object.getServiceName())) {
                names.add(object.getName());
            }
        }
        return names;
    }

    IMap<Object, Object> map(String name) {
        return client.getMap(name);
    }

    /** A copy of every entry of map {@code name}, as the client deserializes them. */
    Map<Object, Object> entries(String name) {
        Map<Object, Object> copy = new LinkedHashMap<>();
        map(name).entrySet().forEach(entry -> copy.put(entry.getKey(), entry.getValue()));
        return copy;
    }

    /**
     * The topics the instances listen on: every topic named {@code signal-*} the cluster lists,
     * and {@code signal-<member uuid>} for every member, the name the instances use today.
     */
    List<ITopic<Object>> topics() {
        TreeSet<String> plain = new TreeSet<>();
        TreeSet<String> reliable = new TreeSet<>();
        for (DistributedObject object : client.getDistributedObjects()) {
            if (object.getName().startsWith(SIGNAL_PREFIX)) {
                if (TOPIC_SERVICE.equals(object.getServiceName())) {
                    plain.add(object.getName());
                } else if (RELIABLE_TOPIC_SERVICE.equals(object.getServiceName())) {
                    reliable.add(object.getName());
                }
            }
        }
        for (com.hazelcast.cluster.Member member : client.getCluster().getMembers()) {
            String name = SIGNAL_PREFIX + member.getUuid();
            if (!reliable.contains(name)) {
                plain.add(name);
            }
        }
        List<ITopic<Object>> topics = new ArrayList<>();
        plain.forEach(name -> topics.add(client.getTopic(name)));
        reliable.forEach(name -> topics.add(client.getReliableTopic(name)));
        return topics;
    }

    /** Starts recording every message published on the instances' topics from now on. */
    Capture capture() {
        return new Capture(topics());
    }

    @Override
    public void close() {
        client.shutdown();
    }

    /** A message as text an eye (or a search) can read: bytes as Latin-1, so any ASCII in them shows. */
    static String readable(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        return String.valueOf(value);
    }

    /** What was published on the instances' topics while it was open. */
    static final class Capture implements AutoCloseable {

        private final List<Captured> frames = new CopyOnWriteArrayList<>();
        private final Map<ITopic<Object>, UUID> listening = new LinkedHashMap<>();

        private Capture(List<ITopic<Object>> topics) {
            for (ITopic<Object> topic : topics) {
                listening.put(topic, topic.addMessageListener(
                        message -> frames.add(new Captured(topic, message.getMessageObject()))));
            }
        }

        List<Captured> frames() {
            return List.copyOf(frames);
        }

        /** Returns once at least {@code count} frames were captured, or after {@code within}. */
        List<Captured> awaitAtLeast(int count, Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (frames.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return frames();
        }

        @Override
        public void close() {
            listening.forEach(ITopic::removeMessageListener);
        }
    }

    record Captured(ITopic<Object> topic, Object message) {

        @Override
        public String toString() {
            return topic.getName() + ": " + readable(message);
        }
    }
}
