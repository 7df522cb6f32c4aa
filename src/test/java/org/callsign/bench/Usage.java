package org.callsign.bench;

import java.time.Duration;

/** Wall time and the CPU both processes used over one measurement window. */
final class Usage {

    private final ServerMeter server;
    private final long startNanos;
    private final Duration serverCpuAtStart;
    private final Duration ownCpuAtStart;
    private long endNanos;
    private Duration serverCpu;
    private Duration ownCpu;

    private Usage(ServerMeter server) {
        this.server = server;
        this.startNanos = System.nanoTime();
        this.serverCpuAtStart = server.cpu();
        this.ownCpuAtStart = ownCpu();
    }

    static Usage start(ServerMeter server) {
        return new Usage(server);
    }

    Usage stop() {
        endNanos = System.nanoTime();
        serverCpu = server.cpu().minus(serverCpuAtStart);
        ownCpu = ownCpu().minus(ownCpuAtStart);
        return this;
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    /** Server CPU as a percentage of one core (it is pinned to one). */
    double serverCpuPercent() {
        return 100.0 * serverCpu.toNanos() / (endNanos - startNanos);
    }

    /** Server CPU time per message, in microseconds, at {@code messagesPerSecond} delivered. */
    double serverMicrosPerMessage(double messagesPerSecond) {
        return serverCpuPercent() / 100 * 1e6 / messagesPerSecond;
    }

    /** Generator CPU as a percentage of one core (it is pinned to one). */
    double generatorCpuPercent() {
        return 100.0 * ownCpu.toNanos() / (endNanos - startNanos);
    }

    private static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow();
    }
}
