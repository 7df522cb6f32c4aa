package org.callsign.bench;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Scenario relay, open loop: frames go out on a fixed schedule whatever comes back, each
 * stamped with the time it was due. A late send (server or generator behind) counts against
 * latency instead of quietly lowering the rate: no coordinated omission.
 */
final class OpenLoop {

    private static final double P99_LIMIT_MS = 10;

    private OpenLoop() {
    }

    static void run(Bench bench) throws InterruptedException {
        Plan plan = bench.plan();
        Relay relay = Relay.betweenPairs(bench, "open");
        List<Relay.Pair> pairs = relay.pairs();
        Report report = bench.report();
        report.heading("Relay, open loop: " + pairs.size() + " pairs, both directions");
        report.note("Per rate: " + plan.timing() + ". Latency is from the time a frame was due to its arrival.\n");
        report.columns("offered msg/s", "delivered msg/s", "p50 ms", "p99 ms", "max ms", "server CPU %",
                "server µs/msg", "generator CPU %", "max send lag ms");
        int best = 0;
        for (int rate : plan.openRates()) {
            Outcome outcome = measure(bench, relay, lanes(pairs), rate);
            if (outcome == Outcome.WITHIN_LIMIT) {
                best = rate;
            }
            if (outcome == Outcome.SATURATED) {
                // Frames of this rate may still be queued; new lanes would mistake them for their own.
                report.note("\nHigher rates not tried after " + rate + " msg/s: the server fell behind or failed there.");
                break;
            }
        }
        report.note("\nHighest offered rate with p99 < " + (int) P99_LIMIT_MS + " ms and nothing lost: "
                + (best == 0 ? "none of those tried" : best + " msg/s"));
    }

    private enum Outcome { WITHIN_LIMIT, OVER_LIMIT, SATURATED }

    private static Outcome measure(Bench bench, Relay relay, Relay.Lane[] lanes, int rate) throws InterruptedException {
        relay.use(lanes, lane -> { });
        long start = System.nanoTime();
        long measureFrom = start + bench.plan().warmup().toNanos();
        long end = measureFrom + bench.plan().measure().toNanos();
        Relay.Window window = null;
        long maxLag = 0;
        for (long i = 0; ; ) {
            long due = start + i * 1_000_000_000L / rate;
            long now = System.nanoTime();
            if (window == null && now >= measureFrom) {
                window = relay.openWindow(bench.server());
            }
            if (due >= end) {
                break;
            }
            if (due > now) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            relay.send(lanes[(int) (i % lanes.length)], due);
            if (window != null) {
                maxLag = Math.max(maxLag, now - due);
            }
            i++;
        }
        window.close();
        Histogram latency = relay.settle(bench.report(), "open loop at " + rate + " msg/s");
        if (latency == null) {
            return Outcome.SATURATED;
        }
        bench.report().row(rate, window.deliveredPerSecond(), Report.ms(latency.getValueAtPercentile(50)),
                Report.ms(latency.getValueAtPercentile(99)), Report.ms(latency.getMaxValue()),
                window.usage().serverCpuPercent(), window.usage().serverMicrosPerMessage(window.deliveredPerSecond()),
                window.usage().generatorCpuPercent(), Report.ms(maxLag));
        // Delivered well below offered: the server fell behind and the latencies show its queue.
        if (window.deliveredPerSecond() < 0.9 * rate) {
            return Outcome.SATURATED;
        }
        return Report.ms(latency.getValueAtPercentile(99)) < P99_LIMIT_MS ? Outcome.WITHIN_LIMIT : Outcome.OVER_LIMIT;
    }

    /** Two one-way lanes per pair, caller to callee and back. */
    private static Relay.Lane[] lanes(List<Relay.Pair> pairs) {
        Relay.Lane[] lanes = new Relay.Lane[pairs.size() * 2];
        for (int i = 0; i < pairs.size(); i++) {
            Relay.Pair pair = pairs.get(i);
            lanes[2 * i] = new Relay.Lane(2 * i, pair.caller(), pair.callee(), false);
            lanes[2 * i + 1] = new Relay.Lane(2 * i + 1, pair.callee(), pair.caller(), false);
        }
        return lanes;
    }
}
