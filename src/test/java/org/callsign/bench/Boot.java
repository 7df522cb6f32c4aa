package org.callsign.bench;

import java.time.Duration;

/**
 * Scenario boot: from the moment run.sh launched the server (BOOT_STARTED_MS, epoch millis)
 * to the first accepted login, retrying while the port is closed or the app not yet deployed.
 */
final class Boot {

    private static final Duration LIMIT = Duration.ofSeconds(180);

    private Boot() {
    }

    static void run(Bench bench) throws InterruptedException {
        long started = Long.parseLong(System.getenv("BOOT_STARTED_MS"));
        long deadline = started + LIMIT.toMillis();
        RuntimeException last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                BenchClient first = bench.login("boot");
                double seconds = (System.currentTimeMillis() - started) / 1000.0;
                Dialog.await(first.close(), "close of the first login");
                bench.report().heading("Boot");
                bench.report().note(String.format("Launch to first accepted login: %.1f s", seconds));
                return;
            } catch (RuntimeException notUpYet) {
                last = notUpYet;
                Thread.sleep(100);
            }
        }
        bench.report().fail("no login accepted within " + LIMIT.toSeconds() + " s of launch; last: " + last);
    }
}
