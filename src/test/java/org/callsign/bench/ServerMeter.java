package org.callsign.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.callsign.support.Jcmd;

/**
 * What the server processes cost, read from outside: CPU and RSS from /proc, heap through
 * jcmd. A cluster's instances are summed: together they are the server.
 */
final class ServerMeter {

    private final List<Long> pids;
    private final long nanosPerTick;

    ServerMeter(List<Long> pids, long ticksPerSecond) {
        this.pids = pids;
        this.nanosPerTick = 1_000_000_000L / ticksPerSecond;
    }

    /** User plus system CPU time the servers have used so far. */
    Duration cpu() {
        long ticks = 0;
        for (long pid : pids) {
            String stat = read(pid, "stat");
            // The command name may hold spaces; the fields after it are fixed: utime, stime are 12th and 13th.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        return Duration.ofNanos(ticks * nanosPerTick);
    }

    long rssKb() {
        long total = 0;
        for (long pid : pids) {
            total += rssKb(pid);
        }
        return total;
    }

    /** Heap in use right after a full GC: what live objects hold. */
    long heapAfterGcKb() {
        long total = 0;
        for (long pid : pids) {
            total += Jcmd.heapAfterGcBytes(pid) / 1024;
        }
        return total;
    }

    /** Live objects by class, summed over the server's processes. */
    ClassHistogram classes() {
        return ClassHistogram.of(pids);
    }

    private static long rssKb(long pid) {
        for (String line : read(pid, "status").split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    private static String read(long pid, String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
