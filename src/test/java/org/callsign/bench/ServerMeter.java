package org.callsign.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.callsign.support.Jcmd;

/** What the server process costs, read from outside: CPU and RSS from /proc, heap through jcmd. */
final class ServerMeter {

    private final long pid;
    private final long nanosPerTick;

    ServerMeter(long pid, long ticksPerSecond) {
        this.pid = pid;
        this.nanosPerTick = 1_000_000_000L / ticksPerSecond;
    }

    /** User plus system CPU time the server has used so far. */
    Duration cpu() {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name may hold spaces; the fields after it are fixed: utime, stime are 12th and 13th.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Duration.ofNanos((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * nanosPerTick);
    }

    long rssKb() {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for process " + pid);
    }

    /** Heap in use right after a full GC: what live objects hold. */
    long heapAfterGcKb() {
        return Jcmd.heapAfterGcBytes(pid) / 1024;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
