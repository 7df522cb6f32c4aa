package org.callsign.bench;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Scenario boot: from the moment run.sh launched the server (BOOT_STARTED_MS, epoch millis)
 * to the first accepted login, retrying while the port is closed or the app not yet deployed.
 * With a cluster, until both the callers' and the callees' instance have accepted one.
 */
final class Boot {

    private static final Duration LIMIT = Duration.ofSeconds(180);

    private Boot() {
    }

    static void run(Bench bench) throws InterruptedException {
        long started = Long.parseLong(System.getenv("BOOT_STARTED_MS"));
        long deadline = started + LIMIT.toMillis();
        if (firstLogin(() -> bench.login("boot"), deadline, bench.report())
                && firstLogin(() -> bench.loginAsCallee("boot-callee"), deadline, bench.report())) {
            double seconds = (System.currentTimeMillis() - started) / 1000.0;
            bench.report().heading("Boot");
            bench.report().note(String.format("Launch to first accepted login: %.1f s", seconds));
        }
    }

    /** Logs in once it can, and out again; false, reported as a failure, if not before the deadline. */
    private static boolean firstLogin(Supplier<BenchClient> login, long deadline, Report report)
            throws InterruptedException {
        RuntimeException last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                BenchClient first = login.get();
                Dialog.await(first.close(), "close of the first login");
                return true;
            } catch (RuntimeException notUpYet) {
                last = notUpYet;
                Thread.sleep(100);
            }
        }
        report.fail("no login accepted within " + LIMIT.toSeconds() + " s of launch; last: " + last);
        return false;
    }
}
