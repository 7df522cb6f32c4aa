package org.callsign.bench;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Scenario pages: PAGES signed-in pages sit idle. First each watches the list once, as the page
 * does while it is visible (rule 23, watch: the server sends changes, and nobody logs in or out
 * here); then, for PAGE_PERIODS, each asks {@code users} without a prefix every period, spread
 * evenly over it, as pages that poll would (every 10 s, or the 2 s of the page before issue 14).
 * The servers' CPU is measured with the pages only holding their sessions, then in each of those
 * modes: the difference is what presence costs them. Every reply's {@code total} must be the
 * number of pages.
 */
final class IdlePages {

    private IdlePages() {
    }

    static void run(Bench bench) throws InterruptedException {
        Report report = bench.report();
        int size = bench.plan().pages();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<BenchClient> pages = Connect.open(bench, size, "page", new Recorder(TimeUnit.SECONDS.toNanos(60), 3), failures);
        try {
            if (!failures.isEmpty()) {
                report.fail("pages: " + pages.size() + " of " + size + " logged in (first failure: " + failures.peek() + ")");
                return;
            }
            report.heading(size + " idle signed-in pages asking who is online");
            report.note("Each page asks `users` without a prefix once per period, the pages evenly spread over it; "
                    + "every reply lists 100 names and counts " + size + ". Windows of " + bench.plan().measure().toSeconds()
                    + " s (at least two periods), after one period of warm-up.\n");
            Usage idle = Usage.start(bench.server());
            Thread.sleep(bench.plan().measure().toMillis());
            idle.stop();
            report.columns("period s", "requests/s", "server CPU %", "holding only, server CPU %",
                    "presence, % of a core", "server µs/request");
            measureWatching(bench, pages, idle.serverCpuPercent());
            for (int period : bench.plan().pagePeriods()) {
                measure(bench, pages, period, idle.serverCpuPercent());
            }
        } finally {
            Connect.closeAll(pages);
        }
    }

    /** Every page watches once; then nothing changes, and the window shows what the watching costs. */
    private static void measureWatching(Bench bench, List<BenchClient> pages, double idlePercent)
            throws InterruptedException {
        AtomicLong replies = new AtomicLong();
        // Spread over ten seconds, as pages arrive: ten thousand at once overflow the container's
        // worker queue (4,096 tasks), which then drops connections.
        long pause = TimeUnit.SECONDS.toNanos(10) / pages.size();
        for (BenchClient page : pages) {
            page.onMessage(reply -> replies.incrementAndGet());
            page.send(Wire.watchUsers());
            TimeUnit.NANOSECONDS.sleep(pause);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (replies.get() < pages.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long repliesBefore = replies.get();
        Usage usage = Usage.start(bench.server());
        Thread.sleep(bench.plan().measure().toMillis());
        usage.stop();
        double presence = usage.serverCpuPercent() - idlePercent;
        bench.report().row("watch", (replies.get() - repliesBefore) / usage.seconds(), usage.serverCpuPercent(),
                idlePercent, presence, "-");
        if (repliesBefore < pages.size()) {
            bench.report().fail("pages, watching: " + repliesBefore + " of " + pages.size() + " first replies");
        }
    }

    private static void measure(Bench bench, List<BenchClient> pages, int periodSeconds, double idlePercent)
            throws InterruptedException {
        AtomicLong replies = new AtomicLong();
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        long periodMicros = TimeUnit.SECONDS.toMicros(periodSeconds);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        for (int i = 0; i < pages.size(); i++) {
            BenchClient page = pages.get(i);
            page.onMessage(reply -> {
                if (Wire.total(reply) != pages.size()) {
                    wrong.add(Dialog.shorten(reply));
                }
                replies.incrementAndGet();
            });
            clock.scheduleAtFixedRate(() -> page.send(Wire.users()), periodMicros * i / pages.size(), periodMicros,
                    TimeUnit.MICROSECONDS);
        }
        long window = Math.max(bench.plan().measure().toMillis(), 2_000L * periodSeconds);
        try {
            Thread.sleep(1000L * periodSeconds);
            long repliesBefore = replies.get();
            Usage usage = Usage.start(bench.server());
            Thread.sleep(window);
            usage.stop();
            double perSecond = (replies.get() - repliesBefore) / usage.seconds();
            double presence = usage.serverCpuPercent() - idlePercent;
            // Shown even when pages were lost: a server that cannot keep up drops them, and its figures say why.
            bench.report().row(periodSeconds, perSecond, usage.serverCpuPercent(), idlePercent, presence,
                    presence / 100 * 1e6 / perSecond);
            if (!wrong.isEmpty()) {
                bench.report().fail("pages, every " + periodSeconds + " s: " + wrong.size() + " replies without total "
                        + pages.size() + " (pages lost), first: " + wrong.peek());
            }
        } finally {
            clock.shutdownNow();
            clock.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
