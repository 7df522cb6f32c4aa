package org.callsign.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's client side: {@code LoadGenerator SCENARIO ws://HOST:PORT/signal SERVER_PID}.
 * Against a cluster, both are comma-separated lists: callers log in through the first address,
 * callees through the last, and the servers' costs are summed.
 * Prints the scenario's results as Markdown on stdout; exits 1 if the server got anything
 * wrong (lost, duplicated, reordered or misrouted a frame, refused a login, kept a name).
 * Run through src/bench/run.sh, which starts the server and pins both processes.
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: LoadGenerator boot|connect|closed|held|open|churn|users|pages WS_URI[,WS_URI] SERVER_PID[,SERVER_PID]");
            System.exit(2);
        }
        // Callbacks run on the client's selector thread itself: no hand-off to a pool per frame,
        // which cost the generator more CPU than the frames (none of them blocks).
        HttpClient http = HttpClient.newBuilder().executor(Runnable::run).build();
        long ticksPerSecond = Long.parseLong(System.getenv().getOrDefault("CLK_TCK", "100"));
        Report report = new Report();
        List<URI> uris = Arrays.stream(args[1].split(",")).map(URI::create).toList();
        List<Long> pids = Arrays.stream(args[2].split(",")).map(Long::parseLong).toList();
        Bench bench = new Bench(http, uris.get(0), uris.get(uris.size() - 1), new ServerMeter(pids, ticksPerSecond),
                Plan.fromEnvironment(), report);
        switch (args[0]) {
            case "boot" -> Boot.run(bench);
            case "connect" -> Connect.run(bench);
            case "closed" -> ClosedLoop.run(bench);
            case "held" -> Held.run(bench);
            case "open" -> OpenLoop.run(bench);
            case "churn" -> Churn.run(bench);
            case "users" -> UsersCost.run(bench);
            case "pages" -> IdlePages.run(bench);
            default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
        System.exit(report.failed() ? 1 : 0);
    }
}
