package org.callsign.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the server process costs, read from outside: CPU and RSS from /proc, heap through jcmd. */
final class ServerMeter {

    /** "used 12345K" on the heap's own lines (G1: one line; Serial: one per generation). */
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

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
        jcmd("GC.run");
        long used = 0;
        for (String line : jcmd("GC.heap_info").split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                continue;
            }
            Matcher m = USED.matcher(line);
            if (m.find()) {
                used += Long.parseLong(m.group(1));
            }
        }
        return used;
    }

    private String jcmd(String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
