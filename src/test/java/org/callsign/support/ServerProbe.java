package org.callsign.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operator can read off the running server from outside: any page, its Prometheus
 * metrics, and, through the JDK's jcmd, the heap its JVM retains after a full collection.
 */
public final class ServerProbe {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;

    public ServerProbe(URL base) {
        this.base = URI.create(base.toString());
    }

    /** The response to a GET of {@code path}, relative to the server's root. */
    public HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One sample from /metrics; {@code label} as it appears there, e.g. {@code code="busy"}, or null for any. */
    public double metric(String name, String label) {
        String text = get("/metrics").body();
        Matcher sample = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(text);
        while (sample.find()) {
            if (label == null || sample.group(1).contains(label)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        throw new AssertionError("no sample " + name + " " + label + " in /metrics");
    }

    /**
     * The sample once it equals {@code expected}, or its last value after {@code within}:
     * the server counts a close when the container reports it, a moment after the client sees it.
     */
    public double awaitMetric(String name, String label, double expected, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        double value = metric(name, label);
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            value = metric(name, label);
        }
        return value;
    }

    /** Bytes of heap the server's JVM still uses after a full GC, read with jcmd. */
    public long heapAfterGcBytes() {
        return Jcmd.heapAfterGcBytes(serverPid());
    }

    /** The Payara Micro process listening on this server's port, found by its command line. */
    private long serverPid() {
        String port = "--port " + base.getPort();
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine()
                        .filter(line -> line.contains("payara-micro") && line.contains(port)).isPresent())
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Payara Micro process with " + port));
    }
}
