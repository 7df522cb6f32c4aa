package org.callsign.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.callsign.presence.Member;
import org.callsign.presence.Name;
import org.callsign.presence.RecordingOutbox;

/**
 * Names claimed on a cluster's data grid as another instance of it would claim them (the same
 * {@link GridNameStore}, over a Hazelcast client that knows the cluster's secret): how the
 * benchmark puts 100,000 names online, more connections than one machine's open-file limit
 * allows. Every instance's {@link Directory} lists them as it lists any other instance's logins.
 * The instance the entries name never joins the cluster; nothing looks at that until a login
 * wants one of these names.
 */
public final class GridNameFill implements AutoCloseable {

    private final HazelcastInstance client;
    private final GridNameStore store;

    private GridNameFill(HazelcastInstance client, String secret) {
        this.client = client;
        SealedMap names = new SealedMap(client.getMap("signal-names"), new EntrySeal(ClusterKeys.of(Optional.of(secret))),
                new Rejections(), true);
        // No relay: these logins receive nothing, and no listener: the store only writes.
        this.store = new GridNameStore(names, new GridMembers(UUID.randomUUID().toString(), null), new Directory(),
                instance -> true, instance -> false, Runnable::run);
    }

    /** Connects as a client of cluster {@code clusterName}, whose members listen at {@code gridPorts} on loopback. */
    public static GridNameFill connect(String clusterName, List<Integer> gridPorts, String secret) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getMetricsConfig().setEnabled(false);
        config.getNetworkConfig().setSmartRouting(true).setAddresses(gridPorts.stream().map(port -> "127.0.0.1:" + port).toList());
        return new GridNameFill(HazelcastClient.newHazelcastClient(config), secret);
    }

    /** Claims every name of {@code names}, {@code threads} at a time; fails if any was taken. */
    public void claim(List<String> names, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> claims = names.stream().map(name -> pool.submit(() -> {
                Member member = new Member(Name.parse(name).orElseThrow(), UUID.randomUUID().toString(), new RecordingOutbox());
                return store.putIfAbsent(member.name().key(), member);
            })).toList();
            for (int i = 0; i < claims.size(); i++) {
                if (!claims.get(i).get()) {
                    throw new IllegalStateException(names.get(i) + " was already taken");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
