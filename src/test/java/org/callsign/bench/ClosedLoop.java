package org.callsign.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;

/**
 * Scenario relay, closed loop: each pair keeps W frames in flight. A frame's arrival sends the
 * lane's next frame back the other way, so the rate is whatever the server sustains.
 */
final class ClosedLoop {

    private ClosedLoop() {
    }

    static void run(Bench bench) throws InterruptedException {
        Relay relay = Relay.betweenPairs(bench, "closed");
        List<Relay.Pair> pairs = relay.pairs();
        Report report = bench.report();
        report.heading("Relay, closed loop: " + pairs.size() + " pairs");
        report.note("Per setting: " + bench.plan().timing() + ". Latency is one-way, send to arrival.\n");
        report.columns("in flight per pair", "delivered msg/s", "p50 ms", "p99 ms", "max ms", "server CPU %",
                "server µs/msg", "generator CPU %");
        for (int inFlight : bench.plan().inFlight()) {
            measure(bench, relay, lanes(pairs, inFlight), inFlight);
        }
    }

    private static void measure(Bench bench, Relay relay, Relay.Lane[] lanes, int inFlight) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        relay.use(lanes, lane -> {
            if (running.get()) {
                relay.send(lane, System.nanoTime());
            }
        });
        for (Relay.Lane lane : lanes) {
            relay.send(lane, System.nanoTime());
        }
        Thread.sleep(bench.plan().warmup().toMillis());
        Relay.Window window = relay.openWindow(bench.server());
        Thread.sleep(bench.plan().measure().toMillis());
        window.close();
        running.set(false);
        Histogram latency = relay.settle(bench.report(), "closed loop, " + inFlight + " in flight per pair");
        if (latency == null) {
            return;
        }
        bench.report().row(inFlight, window.deliveredPerSecond(), Report.ms(latency.getValueAtPercentile(50)),
                Report.ms(latency.getValueAtPercentile(99)), Report.ms(latency.getMaxValue()),
                window.usage().serverCpuPercent(), window.usage().serverMicrosPerMessage(window.deliveredPerSecond()),
                window.usage().generatorCpuPercent());
    }

    private static Relay.Lane[] lanes(List<Relay.Pair> pairs, int perPair) {
        Relay.Lane[] lanes = new Relay.Lane[pairs.size() * perPair];
        for (int i = 0; i < lanes.length; i++) {
            Relay.Pair pair = pairs.get(i / perPair);
            lanes[i] = new Relay.Lane(i, pair.caller(), pair.callee(), true);
        }
        return lanes;
    }
}
