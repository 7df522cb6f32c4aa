package org.callsign.bench;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.topic.ITopic;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The grid's ways of getting bytes from one instance to another, compared on the same machine in
 * the same run: a topic (what the relay uses), a reliable topic (a ringbuffer the listener
 * polls), and the executor service (a task run on the chosen member). Two Hazelcast members of
 * the version Payara embeds, in this one JVM, clustered over loopback TCP: every message is
 * serialized, crosses a socket and is dispatched as between two instances, and this process's
 * CPU time covers both ends. A closed loop: {@code IN_FLIGHT} messages of {@code BYTES} bytes
 * outstanding, each acknowledged by its arrival. Options alternate, {@code ROUNDS} times.
 *
 * <p>Run: {@code java -cp <test classpath> org.callsign.bench.GridDelivery} (docs/benchmarks.md).
 */
public final class GridDelivery {

    private static final int BYTES = Integer.getInteger("BYTES", 400);
    private static final int IN_FLIGHT = Integer.getInteger("IN_FLIGHT", 64);
    private static final int ROUNDS = Integer.getInteger("ROUNDS", 3);
    private static final long SECONDS = Long.getLong("SECONDS", 8);

    /** Where arrivals are counted; static, so that an executor task finds it on the receiving member. */
    private static volatile Consumer<byte[]> arrivals = bytes -> { };

    private GridDelivery() {
    }

    /** A task carrying one message, run on the receiving member. */
    record Deliver(byte[] payload) implements Runnable, Serializable {
        @Override
        public void run() {
            arrivals.accept(payload);
        }
    }

    private interface Way {
        void send(byte[] payload);
    }

    public static void main(String[] args) throws Exception {
        String cluster = "delivery-" + UUID.randomUUID();
        HazelcastInstance sender = member(cluster, 5901);
        HazelcastInstance receiver = member(cluster, 5902);
        Member to = receiver.getCluster().getLocalMember();

        ITopic<byte[]> topic = sender.getTopic("delivery");
        receiver.<byte[]>getTopic("delivery").addMessageListener(message -> arrivals.accept(message.getMessageObject()));
        ITopic<byte[]> reliable = sender.getReliableTopic("delivery-reliable");
        receiver.<byte[]>getReliableTopic("delivery-reliable").addMessageListener(
                message -> arrivals.accept(message.getMessageObject()));
        IExecutorService executor = sender.getExecutorService("delivery");

        List<String> names = List.of("topic", "reliable topic", "executor on member");
        List<Way> ways = List.of(topic::publish, reliable::publish, payload -> executor.executeOnMember(new Deliver(payload), to));
        System.out.printf("%d-byte messages, %d in flight, %d s per round, CPU of both members together%n%n",
                BYTES, IN_FLIGHT, SECONDS);
        System.out.println("| round | way | msg/s | CPU µs/msg | p50 ms | p99 ms |");
        System.out.println("|---|---|---|---|---|---|");
        for (int round = 1; round <= ROUNDS; round++) {
            for (int way = 0; way < ways.size(); way++) {
                measure(ways.get(way), Math.max(2, SECONDS / 4));
                Result result = measure(ways.get(way), SECONDS);
                System.out.printf(Locale.ROOT, "| %d | %s | %.0f | %.1f | %.2f | %.2f |%n", round, names.get(way),
                        result.perSecond, result.cpuMicrosEach, result.p50Millis, result.p99Millis);
            }
        }
        sender.shutdown();
        receiver.shutdown();
    }

    private record Result(double perSecond, double cpuMicrosEach, double p50Millis, double p99Millis) {
    }

    private static Result measure(Way way, long seconds) throws InterruptedException {
        Semaphore window = new Semaphore(IN_FLIGHT);
        List<Long> latencies = new ArrayList<>();
        arrivals = payload -> {
            long sent = ByteBuffer.wrap(payload).getLong();
            synchronized (latencies) {
                latencies.add(System.nanoTime() - sent);
            }
            window.release();
        };
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long sent = 0;
        while (System.nanoTime() < end) {
            if (window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                byte[] payload = new byte[BYTES];
                ByteBuffer.wrap(payload).putLong(System.nanoTime());
                way.send(payload);
                sent++;
            }
        }
        boolean drained = window.tryAcquire(IN_FLIGHT, 10, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        long cpu = cpuNanos() - cpuBefore;
        if (!drained) {
            throw new IllegalStateException("messages lost: " + sent + " sent");
        }
        long[] sorted;
        synchronized (latencies) {
            sorted = latencies.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(sorted);
        return new Result(sorted.length * 1e9 / elapsed, cpu / 1e3 / sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static HazelcastInstance member(String cluster, int port) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        network.getJoin().getMulticastConfig().setEnabled(false);
        network.getJoin().getAutoDetectionConfig().setEnabled(false);
        network.getJoin().getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1:5901", "127.0.0.1:5902"));
        return Hazelcast.newHazelcastInstance(config);
    }
}
