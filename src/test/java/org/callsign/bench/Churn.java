package org.callsign.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario churn: loops of log in, call (offer, answer, candidates both ways), leave, close,
 * with fresh names every cycle. Afterwards no name may be left online, and the heap after GC,
 * sampled while churning, must level off: whatever a call holds is released when it ends.
 */
final class Churn {

    private static final int CANDIDATES_EACH_WAY = 2;
    /** Levelled off: the last this many samples of heap after GC lie within {@link #LEVEL} of each other. */
    private static final int LAST_SAMPLES = 5;
    private static final double LEVEL = 0.05;

    private Churn() {
    }

    static void run(Bench bench) throws InterruptedException {
        Plan plan = bench.plan();
        long heapBefore = bench.server().heapAfterGcKb();
        long deadline = System.nanoTime() + plan.churnTime().toNanos();
        AtomicLong cycles = new AtomicLong();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        Usage usage = Usage.start(bench.server());
        List<Thread> loops = new ArrayList<>();
        for (int loop = 0; loop < plan.churnLoops(); loop++) {
            String prefix = "churn" + loop + "n";
            Thread thread = new Thread(() -> {
                try {
                    for (long cycle = 0; System.nanoTime() < deadline; cycle++) {
                        cycle(bench, prefix + cycle);
                        cycles.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    failures.add(e.getMessage());
                }
            });
            thread.start();
            loops.add(thread);
        }
        // Samples only while every loop still churns: one taken as the loops wind down would show
        // the heap of fewer connections, not whether it levels off.
        List<Long> heapSamplesKb = new ArrayList<>();
        while (System.nanoTime() + plan.churnSample().toNanos() <= deadline) {
            Thread.sleep(plan.churnSample().toMillis());
            heapSamplesKb.add(bench.server().heapAfterGcKb());
        }
        for (Thread loop : loops) {
            loop.join();
        }
        usage.stop();
        int left = bench.namesLeft("churn");
        long heapAfter = bench.server().heapAfterGcKb();
        Report report = bench.report();
        report.heading("Churn: " + plan.churnLoops() + " concurrent loops for " + plan.churnTime().toSeconds() + " s");
        report.note("A cycle: two connections log in, offer, answer, " + CANDIDATES_EACH_WAY
                + " candidates each way, leave, both close (each step awaited).\n");
        if (!failures.isEmpty() || left != 0) {
            report.fail("churn: " + failures.size() + " loops failed (first: " + failures.peek() + "), "
                    + left + " churn names still online");
            return;
        }
        report.columns("cycles", "cycles/s", "names left", "heap before MB", "heap after MB", "server CPU %", "generator CPU %");
        report.row(cycles.get(), cycles.get() / usage.seconds(), left, Bench.mb(heapBefore), Bench.mb(heapAfter),
                usage.serverCpuPercent(), usage.generatorCpuPercent());
        report.note("\nHeap after GC every " + plan.churnSample().toSeconds() + " s while churning, MB: "
                + heapSamplesKb.stream().map(kb -> String.valueOf(Bench.mb(kb))).toList() + "; " + levelling(heapSamplesKb));
    }

    /** Whether the last samples lie within {@link #LEVEL} of each other, and how far apart they are. */
    private static String levelling(List<Long> samples) {
        if (samples.size() < LAST_SAMPLES) {
            return "too few samples to judge levelling (" + LAST_SAMPLES + " needed)";
        }
        List<Long> last = samples.subList(samples.size() - LAST_SAMPLES, samples.size());
        long low = last.stream().mapToLong(Long::longValue).min().orElseThrow();
        long high = last.stream().mapToLong(Long::longValue).max().orElseThrow();
        double spread = (double) (high - low) / low;
        return String.format(Locale.ROOT, "last %d within %.1f %% of each other: %s", LAST_SAMPLES, spread * 100,
                spread <= LEVEL ? "levelled off" : "NOT levelled off");
    }

    private static void cycle(Bench bench, String name) {
        BenchClient caller = bench.login(name + "a");
        BenchClient callee = bench.login(name + "b");
        Dialog.call(caller, callee);
        for (int i = 0; i < CANDIDATES_EACH_WAY; i++) {
            Dialog.pass(caller, callee, Wire.candidate(callee.name, "c" + i), "candidate");
            Dialog.pass(callee, caller, Wire.candidate(caller.name, "c" + i), "candidate");
        }
        Dialog.pass(caller, callee, Wire.leave(), "leave");
        Dialog.await(caller.close(), "close of " + caller.name);
        Dialog.await(callee.close(), "close of " + callee.name);
    }
}
