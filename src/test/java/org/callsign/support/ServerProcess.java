package org.callsign.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Jakarta EE server in its own process, started from the test with the built WAR at the
 * root context, for what Arquillian's one server per class cannot show: a SIGTERM, a restart,
 * another vendor's server. Its output goes to a log file under target/.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration BOOT_LIMIT = Duration.ofSeconds(120);

    private final List<String> command;
    private final int port;
    private final Path log;
    private Process process;

    private ServerProcess(List<String> command, int port, Path log) {
        this.command = command;
        this.port = port;
        this.log = log;
    }

    /** The secret the test clusters share (docs/protocol.md rule 35): at least 32 bytes. */
    public static final String CLUSTER_SECRET = "callsign-test-cluster-secret-0123456789";

    /** Payara Micro, single instance, as the README's run command starts it, with extra -D settings. */
    public static ServerProcess payaraMicro(String name, List<String> systemProperties) {
        return payaraMicro(name, systemProperties, List.of("--nocluster",
                "--prebootcommandfile", "payara-config/preboot-single.asadmin"));
    }

    /**
     * One instance of a cluster on loopback, as the README's cluster commands start it: its data
     * grid listens on {@code gridPort} and finds the others at {@code gridPorts}.
     */
    public static ServerProcess clusterInstance(String name, int gridPort, List<Integer> gridPorts,
            List<String> systemProperties) {
        List<GridAddress> members = gridPorts.stream().map(port -> new GridAddress("127.0.0.1", port)).toList();
        return clusterInstance(name, new GridAddress("127.0.0.1", gridPort), members, systemProperties);
    }

    /** Where one instance's data grid listens. */
    public record GridAddress(String host, int port) {

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * One instance of a cluster whose data grid listens on {@code grid} and finds the others at
     * {@code members}. With a loopback address of its own (127.0.0.2, ...), its grid connections
     * also leave from that address (hazelcast.socket.bind.any=false binds outgoing sockets too),
     * so a firewall rule can cut one instance's grid off while its HTTP port stays reachable.
     */
    public static ServerProcess clusterInstance(String name, GridAddress grid, List<GridAddress> members,
            List<String> systemProperties) {
        String memberList = String.join(",", members.stream().map(GridAddress::toString).toList());
        List<String> properties = new ArrayList<>(List.of("-Dsignal.cluster.enabled=true",
                "-Dhazelcast.socket.bind.any=false", "-Dhazelcast.max.no.heartbeat.seconds=10",
                "-Dhazelcast.heartbeat.interval.seconds=1",
                // Look for a split-off part of the cluster to merge with 5 s after start and every
                // 5 s after that (Hazelcast's defaults: 300 s, then every 120 s).
                "-Dhazelcast.merge.first.run.delay.seconds=5", "-Dhazelcast.merge.next.run.delay.seconds=5",
                "-Dsignal.cluster.secret=" + CLUSTER_SECRET,
                // --interfaces alone matches only addresses a network interface lists, and lo lists
                // 127.0.0.1 alone, though it answers for all of 127/8; this names the address outright.
                "-Dhazelcast.local.localAddress=" + grid.host()));
        properties.addAll(systemProperties);
        return payaraMicro(name, properties,
                List.of("--prebootcommandfile", "payara-config/preboot-cluster.asadmin",
                        "--clustername", "callsign-test", "--clustermode", "tcpip:" + memberList,
                        "--startport", Integer.toString(grid.port()), "--interfaces", grid.host(), "--nohostaware"));
    }

    private static ServerProcess payaraMicro(String name, List<String> systemProperties, List<String> options) {
        int port = freePort();
        List<String> command = new ArrayList<>(javaWith(systemProperties));
        command.addAll(List.of("-jar", System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--port", Integer.toString(port), "--disablephonehome"));
        command.addAll(options);
        command.addAll(List.of("--deploy", war(), "--contextroot", "/"));
        return new ServerProcess(command, port, logFile(name));
    }

    /** GlassFish 7 Embedded, a second Jakarta EE 10 implementation, with the same WAR unchanged. */
    public static ServerProcess glassFish(String name, List<String> systemProperties) {
        int port = freePort();
        List<String> command = new ArrayList<>(javaWith(systemProperties));
        command.addAll(List.of("-jar", System.getProperty("glassfish.embeddedJar", "target/glassfish-embedded-all.jar"),
                "--port=" + port, "--noInfo", war()));
        return new ServerProcess(command, port, logFile(name));
    }

    /** Starts the server and returns once its page answers. */
    public ServerProcess start() {
        launch();
        return awaitPage();
    }

    /** Starts the server process and returns at once; {@link #awaitPage} waits for it to serve. */
    public ServerProcess launch() {
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public URI base() {
        return URI.create("http://localhost:" + port + "/");
    }

    public URI signal() {
        return URI.create("ws://localhost:" + port + "/signal");
    }

    /** SIGKILL: the process dies at once, without any shutdown of its own. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, as an orchestrator stops a container; returns the exit code once it is gone. */
    public int terminate(Duration within) {
        process.destroy();
        return awaitExit(within);
    }

    /** What the server wrote, for a failure message. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    private int awaitExit(Duration within) {
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("server still running " + within.toSeconds() + " s after the signal");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Returns once the server's output holds {@code text}; fails if it exits first or takes longer than {@code within}. */
    public void awaitLog(String text, Duration within) {
        awaitLog(0, text, within);
    }

    /** How much the server has written so far: what {@link #awaitLog(int, String, Duration)} looks after. */
    public int logMark() {
        return log().length();
    }

    /**
     * Returns the line holding {@code text} that the server wrote after {@code mark} (a
     * {@link #logMark()}), once it has; fails if the server exits first or takes longer than {@code within}.
     */
    public String awaitLog(int mark, String text, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String written = log();
            int at = written.indexOf(text, Math.min(mark, written.length()));
            if (at >= 0) {
                int start = written.lastIndexOf('\n', at) + 1;
                int end = written.indexOf('\n', at);
                return written.substring(start, end < 0 ? written.length() : end);
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("server never logged \"" + text + "\" within " + within.toSeconds() + " s:\n"
                        + written.substring(Math.min(mark, written.length())));
            }
            pause();
        }
    }

    /** The HTTP status of the page, or -1 while nothing listens. */
    public int pageStatus() {
        return status("");
    }

    /** The HTTP status of {@code path} (relative to the root, e.g. "health/ready"), or -1 while nothing listens. */
    public int status(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base().resolve(path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListening) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Returns once the launched server serves its page. */
    public ServerProcess awaitPage() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + BOOT_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited while booting:\n" + log());
            }
            try {
                if (http.send(HttpRequest.newBuilder(base()).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return this;
                }
            } catch (IOException notListeningYet) {
                // Booting: the port opens a few seconds in.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new AssertionError("server did not serve its page within " + BOOT_LIMIT.toSeconds() + " s:\n" + log());
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> javaWith(List<String> systemProperties) {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.add("-Xmx256m");
        java.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        java.addAll(systemProperties);
        return java;
    }

    private static String war() {
        return new File(System.getProperty("callsign.war", "target/callsign.war")).getAbsolutePath();
    }

    private static Path logFile(String name) {
        Path dir = Path.of("target", "server-logs");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(name + ".log");
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
