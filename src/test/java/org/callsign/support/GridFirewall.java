package org.callsign.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.callsign.support.ServerProcess.GridAddress;
import org.junit.jupiter.api.Assumptions;

/**
 * Cuts one cluster instance's data grid off from the others with iptables, and puts it back: a
 * network partition on loopback. Every rule sits in a chain of its own, named after the cut-off
 * instance's grid port, and matches only the test's grid addresses and ports, so nothing else on
 * the machine (HTTP on 127.0.0.1, other builds' grids) is touched. {@link #close} removes the
 * chain whatever happened: use it in try-with-resources. Needs iptables and root; missing either,
 * the test is skipped with a message, and fails under {@code CI=true}, where `.ci/run` installs it.
 */
public final class GridFirewall implements AutoCloseable {

    private static final String IPTABLES = "/usr/sbin/iptables";

    private final String chain;
    private boolean cut;

    private GridFirewall(String chain) {
        this.chain = chain;
    }

    /** A firewall for cutting off {@code isolated}; skips or fails the test without iptables. */
    public static GridFirewall forInstance(GridAddress isolated) {
        RequiredTool.require(IPTABLES, "iptables");
        Result listing = run(List.of(IPTABLES, "-w", "-S", "INPUT"));
        if (listing.exit() != 0) {
            String message = "iptables cannot change rules here (it needs root): " + listing.output();
            if ("true".equals(System.getenv("CI"))) {
                fail(message + " (CI=true: the partition test must run)");
            }
            Assumptions.abort(message + "; skipping the partition test");
        }
        return new GridFirewall("callsign-split-" + isolated.port());
    }

    /** Drops every packet between {@code isolated}'s grid and the {@code others}' grids, both ways. */
    public void cutOff(GridAddress isolated, List<GridAddress> others) {
        // A run killed before its finally block may have left the chain behind: start clean.
        cut = true;
        heal();
        iptables("-N", chain);
        cut = true;
        for (GridAddress other : others) {
            // Connections the isolated instance opens to the other's grid port, and the replies.
            drop(isolated.host(), other.host(), "--dport", other.port());
            drop(other.host(), isolated.host(), "--sport", other.port());
            // Connections the other opens to the isolated instance's grid port, and the replies.
            drop(other.host(), isolated.host(), "--dport", isolated.port());
            drop(isolated.host(), other.host(), "--sport", isolated.port());
        }
        iptables("-I", "INPUT", "-i", "lo", "-j", chain);
    }

    /** Lets the grid traffic through again. */
    public void heal() {
        if (!cut) {
            return;
        }
        boolean exists = run(List.of(IPTABLES, "-w", "-S", chain)).exit() == 0;
        if (!exists) {
            cut = false;
            return;
        }
        List<String> problems = new ArrayList<>();
        while (run(List.of(IPTABLES, "-w", "-D", "INPUT", "-i", "lo", "-j", chain)).exit() == 0) {
            // Removed one jump to the chain; look for another.
        }
        for (List<String> step : List.of(List.of("-F", chain), List.of("-X", chain))) {
            List<String> command = new ArrayList<>(List.of(IPTABLES, "-w"));
            command.addAll(step);
            Result result = run(command);
            if (result.exit() != 0) {
                problems.add(String.join(" ", command) + ": " + result.output());
            }
        }
        cut = false;
        if (!problems.isEmpty()) {
            throw new IllegalStateException("could not remove the partition's iptables rules: " + problems);
        }
    }

    @Override
    public void close() {
        heal();
    }

    /**
     * The local addresses of the established TCP connections to {@code grid} (from /proc/net/tcp
     * and tcp6, where Java's dual-stack sockets show IPv4 as ::ffff:a.b.c.d), to check that an
     * instance's grid connections leave from its own address.
     */
    public static List<String> connectionSources(GridAddress grid) {
        List<String> sources = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    // sl local_address rem_address st ...; st 01 is ESTABLISHED
                    if (fields.length > 3 && "01".equals(fields[3]) && grid.equals(endpoint(fields[2]))) {
                        sources.add(endpoint(fields[1]).host());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sources;
    }

    /** An address as /proc/net/tcp writes it: IPv4 in little-endian hex (the last 8 digits of a mapped IPv6), a colon, the port. */
    private static GridAddress endpoint(String hex) {
        int colon = hex.indexOf(':');
        long ip = Long.parseLong(hex.substring(colon - 8, colon), 16);
        String host = (ip & 0xff) + "." + (ip >> 8 & 0xff) + "." + (ip >> 16 & 0xff) + "." + (ip >> 24 & 0xff);
        return new GridAddress(host, Integer.parseInt(hex.substring(colon + 1), 16));
    }

    private void drop(String from, String to, String portOption, int port) {
        iptables("-A", chain, "-s", from, "-d", to, "-p", "tcp", portOption, Integer.toString(port), "-j", "DROP");
    }

    private static void iptables(String... arguments) {
        List<String> command = new ArrayList<>(List.of(IPTABLES, "-w"));
        command.addAll(List.of(arguments));
        Result result = run(command);
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
