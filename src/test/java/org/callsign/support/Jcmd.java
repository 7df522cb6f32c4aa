package org.callsign.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JDK's jcmd against another JVM on this machine: what the tests and the benchmark read of the server. */
public final class Jcmd {

    /** "used 12345K" on the heap's own lines (G1: one line; Serial: one per generation). */
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private Jcmd() {
    }

    /** Bytes of heap the JVM {@code pid} still uses right after a full GC: what live objects hold. */
    public static long heapAfterGcBytes(long pid) {
        run(pid, "GC.run");
        long usedKb = 0;
        for (String line : run(pid, "GC.heap_info").split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                continue;
            }
            Matcher used = USED.matcher(line);
            if (used.find()) {
                usedKb += Long.parseLong(used.group(1));
            }
        }
        return usedKb * 1024;
    }

    /** The output of {@code jcmd pid command}; fails if jcmd does. */
    public static String run(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
