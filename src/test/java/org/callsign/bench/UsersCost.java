package org.callsign.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.callsign.cluster.GridNameFill;

/**
 * Scenario users: what one {@code users} request costs the server with many names online
 * (docs/protocol.md rule 23). More names than one machine can hold connections for are claimed
 * on the cluster's data grid first, as another instance's logins would be ({@link GridNameFill});
 * the instances list them as any other. A few probe connections then ask {@code users} in a
 * closed loop, one request in flight each, for each prefix in turn, and every reply's
 * {@code total} is checked. Cost per request: the servers' CPU time over the window divided by
 * the replies; what the servers use when nobody asks is measured first and shown beside it.
 * Needs CLUSTER=1 (run.sh then passes GRID_CLUSTER, GRID_PORTS and GRID_SECRET).
 */
final class UsersCost {

    private static final int PROBES = 8;
    private static final int FILL_THREADS = 32;
    /** Absent (everyone), one letter (about 1/26 of the names), two letters (about 1/676). */
    private static final List<String> PREFIXES = Arrays.asList(null, "m", "mo");

    private UsersCost() {
    }

    static void run(Bench bench) throws Exception {
        Report report = bench.report();
        int size = bench.plan().namesOnline();
        List<String> names = randomNames(size);
        long fillStart = System.nanoTime();
        try (GridNameFill fill = GridNameFill.connect(System.getenv("GRID_CLUSTER"),
                Arrays.stream(System.getenv("GRID_PORTS").split(",")).map(Integer::valueOf).toList(),
                System.getenv("GRID_SECRET"))) {
            fill.claim(names, FILL_THREADS);
        }
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        List<BenchClient> probes = new ArrayList<>();
        for (int i = 0; i < PROBES; i++) {
            probes.add(bench.login("probe" + i));
        }
        try {
            int online = size + PROBES;
            awaitListed(probes.get(0), online);
            report.heading("users with " + size + " names online (" + online + " with the probes)");
            report.note(size + " names claimed on the grid in " + String.format("%.1f", fillSeconds) + " s; "
                    + PROBES + " probe connections ask in a closed loop, one request in flight each. Per prefix: "
                    + bench.plan().timing() + ".\n");
            Usage idle = Usage.start(bench.server());
            Thread.sleep(bench.plan().measure().toMillis() / 2);
            idle.stop();
            report.note("Server CPU with nobody asking: " + String.format("%.2f", idle.serverCpuPercent()) + " %.\n");
            report.columns("prefix", "total", "requests/s", "server CPU %", "server µs/request",
                    "net of idle µs/request", "generator CPU %");
            for (String prefix : PREFIXES) {
                int expected = prefix == null ? online : (int) names.stream().filter(name -> name.startsWith(prefix)).count();
                measure(bench, probes, prefix, expected, idle.serverCpuPercent());
            }
        } finally {
            probes.forEach(probe -> Dialog.await(probe.close(), "close of " + probe.name));
        }
    }

    /** {@code size} distinct names of 8 lower-case letters, the same in every run. */
    private static List<String> randomNames(int size) {
        Random random = new Random(23);
        TreeSet<String> names = new TreeSet<>();
        while (names.size() < size) {
            char[] name = new char[8];
            for (int i = 0; i < name.length; i++) {
                name[i] = (char) ('a' + random.nextInt(26));
            }
            names.add(new String(name));
        }
        return List.copyOf(names);
    }

    /** Waits until the server lists {@code online} names: the grid's events reach its directory a little after the claims. */
    private static void awaitListed(BenchClient probe, int online) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        int listed;
        while ((listed = Wire.total(Dialog.await(probe.request(Wire.users()), "users reply"))) != online) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server lists " + listed + " names, not " + online);
            }
            Thread.sleep(500);
        }
    }

    private static void measure(Bench bench, List<BenchClient> probes, String prefix, int expected, double idlePercent)
            throws InterruptedException {
        String request = prefix == null ? Wire.users() : Wire.users(prefix);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong replies = new AtomicLong();
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        // Counts each probe's last reply, the one to its request in flight when the window closed.
        CountDownLatch stopped = new CountDownLatch(probes.size());
        for (BenchClient probe : probes) {
            probe.onMessage(reply -> {
                if (Wire.total(reply) != expected) {
                    wrong.add(Dialog.shorten(reply));
                }
                replies.incrementAndGet();
                if (running.get()) {
                    probe.send(request);
                } else {
                    stopped.countDown();
                }
            });
            probe.send(request);
        }
        Thread.sleep(bench.plan().warmup().toMillis());
        long repliesBefore = replies.get();
        Usage usage = Usage.start(bench.server());
        Thread.sleep(bench.plan().measure().toMillis());
        usage.stop();
        double perSecond = (replies.get() - repliesBefore) / usage.seconds();
        running.set(false);
        stopped.await();
        String shown = prefix == null ? "(absent)" : prefix;
        if (!wrong.isEmpty()) {
            bench.report().fail("users " + shown + ": " + wrong.size() + " replies without total " + expected
                    + ", first: " + wrong.peek());
            return;
        }
        double micros = usage.serverMicrosPerMessage(perSecond);
        bench.report().row(shown, expected, perSecond, usage.serverCpuPercent(), micros,
                (usage.serverCpuPercent() - idlePercent) / 100 * 1e6 / perSecond, usage.generatorCpuPercent());
    }
}
