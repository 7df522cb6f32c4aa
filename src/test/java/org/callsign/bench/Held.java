package org.callsign.bench;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;

/**
 * Scenario held: many idle logged-in sessions stay open while the closed loop runs, as on a
 * server whose users mostly wait for a call. Compare its figures with the closed loop on a
 * fresh server (scenario closed) in the same run.
 */
final class Held {

    private Held() {
    }

    static void run(Bench bench) throws InterruptedException {
        int size = bench.plan().heldSessions();
        ServerMeter server = bench.server();
        long heapBefore = server.heapAfterGcKb();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<BenchClient> held = Connect.open(bench, size, "idle", new Recorder(TimeUnit.SECONDS.toNanos(60), 3), failures);
        try {
            if (!failures.isEmpty()) {
                bench.report().fail("held: " + held.size() + " of " + size + " sessions logged in, then logins failed "
                        + "(heap after GC " + Bench.mb(server.heapAfterGcKb()) + " MB; first failure: " + failures.peek() + ")");
                return;
            }
            long heapHeld = server.heapAfterGcKb();
            bench.report().heading(size + " idle sessions held");
            bench.report().note("Heap after GC " + Bench.mb(heapBefore) + " MB before, " + Bench.mb(heapHeld)
                    + " MB while held; the closed loop below runs with them open.");
            ClosedLoop.run(bench);
        } finally {
            Connect.closeAll(held);
        }
    }
}
