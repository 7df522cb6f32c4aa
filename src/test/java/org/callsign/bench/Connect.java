package org.callsign.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Scenario connect: N connections open and log in, then hold, idle. The cost per session is
 * the growth of the server's heap after GC and of its RSS, divided by N.
 */
final class Connect {

    /** Handshakes and logins under way at once: a crowd arriving, not one at a time. */
    private static final int OPENING_AT_ONCE = 200;
    private static final long LOGIN_LIMIT_SECONDS = 60;
    /** Rows of the table of what a held session adds to the heap, by class. */
    private static final int CLASSES_SHOWN = 25;

    private Connect() {
    }

    static void run(Bench bench) throws InterruptedException {
        Report report = bench.report();
        report.heading("Connect and hold");
        report.note("Connections open " + OPENING_AT_ONCE + " at a time; login latency is from sending "
                + "`login` to its accepted reply. Heap is after a full GC (jcmd GC.run).\n");
        report.columns("sessions", "open + login s", "logins/s", "login p50 ms", "login p99 ms",
                "heap before MB", "heap held MB", "heap/session KB", "RSS before MB", "RSS held MB", "RSS/session KB");
        Growth largest = null;
        for (int size : bench.plan().connectSizes()) {
            Growth growth = hold(bench, size);
            largest = growth == null ? largest : growth;
        }
        if (largest != null) {
            report.note("\nWhat one held session adds to the heap, by class (the " + CLASSES_SHOWN
                    + " that grew most, " + largest.sessions() + " sessions held; jcmd GC.class_histogram):\n");
            largest.held().printGrowth(largest.before(), largest.sessions(), CLASSES_SHOWN, report);
        }
    }

    /** The server's live objects before the sessions opened and while they were held. */
    private record Growth(ClassHistogram before, ClassHistogram held, int sessions) {}

    private static Growth hold(Bench bench, int size) throws InterruptedException {
        ServerMeter server = bench.server();
        long heapBefore = server.heapAfterGcKb();
        ClassHistogram classesBefore = server.classes();
        long rssBefore = server.rssKb();
        Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        List<BenchClient> held = open(bench, size, "hold", latency, failures);
        double seconds = (System.nanoTime() - start) / 1e9;
        long heapHeld = server.heapAfterGcKb();
        long rssHeld = server.rssKb();
        ClassHistogram classesHeld = server.classes();
        closeAll(held);
        int left = bench.namesLeft("hold");
        if (!failures.isEmpty() || left != 0) {
            bench.report().fail(size + " sessions: " + failures.size() + " failed to log in (first: "
                    + failures.peek() + "), " + left + " names still online after closing");
            return null;
        }
        Histogram logins = latency.getIntervalHistogram();
        bench.report().row(size, seconds, size / seconds, Report.ms(logins.getValueAtPercentile(50)),
                Report.ms(logins.getValueAtPercentile(99)), Bench.mb(heapBefore), Bench.mb(heapHeld),
                (double) (heapHeld - heapBefore) / size, Bench.mb(rssBefore), Bench.mb(rssHeld),
                (double) (rssHeld - rssBefore) / size);
        return new Growth(classesBefore, classesHeld, size);
    }

    /**
     * Opens {@code size} connections logged in as PREFIX0, PREFIX1, ..., {@value #OPENING_AT_ONCE} at a
     * time, until one fails; returns those that logged in, recording each login's latency and each failure.
     */
    static List<BenchClient> open(Bench bench, int size, String prefix, Recorder latency, Queue<Throwable> failures)
            throws InterruptedException {
        List<BenchClient> held = new ArrayList<>(size);
        Semaphore opening = new Semaphore(OPENING_AT_ONCE);
        // Once a login has failed (a heap too small for the size, say) no more are started: the rest
        // would only queue behind the failing server and each wait out its own limit.
        for (int i = 0; i < size && failures.isEmpty(); i++) {
            opening.acquire();
            // A server that stops answering (out of heap, say) fails the step instead of hanging it.
            login(bench, prefix + i, latency).orTimeout(LOGIN_LIMIT_SECONDS, TimeUnit.SECONDS).whenComplete((client, failure) -> {
                if (failure != null) {
                    failures.add(failure);
                } else {
                    synchronized (held) {
                        held.add(client);
                    }
                }
                opening.release();
            });
        }
        opening.acquire(OPENING_AT_ONCE);
        return held;
    }

    private static CompletableFuture<BenchClient> login(Bench bench, String name, Recorder latency) {
        return BenchClient.connect(bench.http(), bench.uri(), name).thenCompose(client -> {
            long sent = System.nanoTime();
            return client.request(Wire.login(name)).thenApply(reply -> {
                if (!Wire.loginAccepted(reply)) {
                    throw new IllegalStateException("login " + name + " refused: " + reply);
                }
                latency.recordValue(System.nanoTime() - sent);
                return client;
            });
        });
    }

    static void closeAll(List<BenchClient> clients) {
        CompletableFuture<?>[] closing = clients.stream().map(BenchClient::close).toArray(CompletableFuture[]::new);
        Dialog.await(CompletableFuture.allOf(closing), "closing " + clients.size() + " connections");
    }
}
