package org.callsign.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Stamped traffic between connected pairs, checked as it arrives: every frame must be the
 * next sequence number of its lane (nothing lost, duplicated or reordered), reach the lane's
 * receiver and name the lane's sender (nothing misrouted). The closed and open loop differ
 * only in when they send.
 */
final class Relay {

    private static final int ERRORS_SHOWN = 10;
    /** How long an overloaded server may take to work off its backlog once sending stops. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);
    /** No arrival for this long while frames are due means they are lost. */
    private static final Duration STALL_LIMIT = Duration.ofSeconds(5);

    private final Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
    private final AtomicInteger outstanding = new AtomicInteger();
    private final LongAdder delivered = new LongAdder();
    private final AtomicLong errorCount = new AtomicLong();
    private final List<String> errors = new ArrayList<>();
    private volatile Lane[] lanes = new Lane[0];
    private volatile Consumer<Lane> afterDelivery = lane -> { };

    private final List<Pair> pairs;

    private Relay(List<Pair> pairs) {
        this.pairs = pairs;
        for (Pair pair : pairs) {
            pair.caller().onMessage(text -> received(pair.caller(), text));
            pair.callee().onMessage(text -> received(pair.callee(), text));
        }
    }

    /** Logs in the plan's number of pairs, named from {@code prefix}, and connects each in a call. */
    static Relay betweenPairs(Bench bench, String prefix) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < bench.plan().pairs(); i++) {
            Pair pair = new Pair(bench.login(prefix + i + "a"), bench.loginAsCallee(prefix + i + "b"));
            Dialog.call(pair.caller(), pair.callee());
            pairs.add(pair);
        }
        return new Relay(pairs);
    }

    List<Pair> pairs() {
        return pairs;
    }

    /** Replaces the lanes; call only when nothing is outstanding. */
    void use(Lane[] lanes, Consumer<Lane> afterDelivery) {
        this.lanes = lanes;
        this.afterDelivery = afterDelivery;
    }

    /** Sends the lane's next frame, stamped with {@code nanos} as its send time. */
    void send(Lane lane, long nanos) {
        long seq = lane.takeSeq();
        outstanding.incrementAndGet();
        lane.sender(seq).send(Wire.relay(lane.receiver(seq).name, lane.id, seq, nanos));
    }

    private void received(BenchClient at, String text) {
        long now = System.nanoTime();
        Wire.Stamp stamp = Wire.stamp(text);
        Lane[] current = lanes;
        if (stamp == null || stamp.lane() >= current.length) {
            error("unexpected frame at " + at.name + ": " + Dialog.shorten(text));
            return;
        }
        Lane lane = current[stamp.lane()];
        long expected = lane.arrived(stamp.seq());
        if (expected != stamp.seq()) {
            error("lane " + lane.id + " at " + at.name + ": seq " + stamp.seq() + " where " + expected + " was due");
        }
        if (at != lane.receiver(stamp.seq()) || !Wire.isFrom(text, lane.sender(stamp.seq()).name)) {
            error("lane " + lane.id + " seq " + stamp.seq() + " misrouted: at " + at.name + ": " + Dialog.shorten(text));
        }
        latency.recordValue(Math.max(0, now - stamp.nanos()));
        delivered.increment();
        outstanding.decrementAndGet();
        afterDelivery.accept(lane);
    }

    private void error(String what) {
        if (errorCount.incrementAndGet() <= ERRORS_SHOWN) {
            synchronized (errors) {
                errors.add(what);
            }
        }
    }

    /** Starts counting deliveries and CPU; latencies recorded so far (the warm-up) are dropped. */
    Window openWindow(ServerMeter server) {
        latency.reset();
        return new Window(delivered.sum(), Usage.start(server));
    }

    /**
     * Once sending has stopped: waits for every frame sent to arrive, then returns the
     * latencies since the window opened. Returns null, having reported why, if frames stopped
     * arriving with some missing (a FAILURE: lost), or if an overloaded server was still working
     * through its backlog at the drain limit (saturated: no figure, but nothing wrong yet).
     */
    Histogram settle(Report report, String what) throws InterruptedException {
        long start = System.nanoTime();
        long lastProgress = start;
        int left = outstanding.get();
        while (left > 0 && System.nanoTime() - lastProgress < STALL_LIMIT.toNanos()
                && System.nanoTime() - start < DRAIN_LIMIT.toNanos()) {
            Thread.sleep(10);
            int now = outstanding.get();
            if (now < left) {
                lastProgress = System.nanoTime();
            }
            left = now;
        }
        Histogram latencies = latency.getIntervalHistogram();
        boolean stalled = left > 0 && System.nanoTime() - lastProgress >= STALL_LIMIT.toNanos();
        String problems = problems(stalled ? left : 0);
        if (problems != null) {
            report.fail(what + ": " + problems);
            return null;
        }
        if (left > 0) {
            report.note("\n" + what + ": saturated, " + left + " frames still queued " + DRAIN_LIMIT.toSeconds()
                    + " s after sending stopped (still arriving, so not lost); no figures.");
            return null;
        }
        return latencies;
    }

    private String problems(int lost) {
        List<String> problems = new ArrayList<>();
        if (lost > 0) {
            problems.add(lost + " frames lost (none arrived for " + STALL_LIMIT.toSeconds() + " s, some still due)");
        }
        if (errorCount.get() > 0) {
            synchronized (errors) {
                problems.add(errorCount.get() + " wrong frames, e.g. " + String.join("; ", errors));
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** Deliveries and CPU over one measurement window. */
    final class Window {
        private final long deliveredAtStart;
        private final Usage usage;
        private long count;

        private Window(long deliveredAtStart, Usage usage) {
            this.deliveredAtStart = deliveredAtStart;
            this.usage = usage;
        }

        Window close() {
            usage.stop();
            count = delivered.sum() - deliveredAtStart;
            return this;
        }

        double deliveredPerSecond() {
            return count / usage.seconds();
        }

        Usage usage() {
            return usage;
        }
    }

    record Pair(BenchClient caller, BenchClient callee) {
    }

    /**
     * One ordered stream of frames. A bouncing lane alternates direction (even seq from
     * {@code a}, odd from {@code b}); a one-way lane always goes from {@code a} to {@code b}.
     */
    static final class Lane {
        final int id;
        private final BenchClient a;
        private final BenchClient b;
        private final boolean bounces;
        private long nextSeq;
        private long expectedSeq;

        Lane(int id, BenchClient a, BenchClient b, boolean bounces) {
            this.id = id;
            this.a = a;
            this.b = b;
            this.bounces = bounces;
        }

        BenchClient sender(long seq) {
            return bounces && seq % 2 == 1 ? b : a;
        }

        BenchClient receiver(long seq) {
            return sender(seq) == a ? b : a;
        }

        synchronized long takeSeq() {
            return nextSeq++;
        }

        /** Records an arrival; returns the seq that was due (equal to {@code seq} when in order). */
        synchronized long arrived(long seq) {
            long due = expectedSeq;
            expectedSeq = Math.max(expectedSeq, seq + 1);
            return due;
        }
    }
}
