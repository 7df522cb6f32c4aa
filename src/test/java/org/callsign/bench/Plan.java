package org.callsign.bench;

import java.time.Duration;
import java.util.Arrays;

/**
 * Sizes and durations, from environment variables that run.sh passes through. QUICK=1
 * shrinks everything to a smoke run of about a minute; a variable that is set wins either way.
 */
record Plan(Duration warmup, Duration measure, int pairs, int[] inFlight, int[] openRates,
            int[] connectSizes, int heldSessions, int churnLoops, Duration churnTime, Duration churnSample,
            int namesOnline, int pages, int[] pagePeriods) {

    static Plan fromEnvironment() {
        boolean quick = "1".equals(System.getenv("QUICK"));
        return new Plan(
                Duration.ofSeconds(number("WARMUP_SECONDS", quick ? 2 : 10)),
                Duration.ofSeconds(number("MEASURE_SECONDS", quick ? 4 : 20)),
                number("PAIRS", 100),
                numbers("IN_FLIGHT", "1,8"),
                numbers("OPEN_RATES", quick ? "5000,10000" : "5000,10000,20000,40000"),
                numbers("CONNECT_SIZES", quick ? "1000" : "10000,19000"),
                number("HELD_SESSIONS", quick ? 1000 : 19000),
                number("CHURN_LOOPS", 50),
                Duration.ofSeconds(number("CHURN_SECONDS", quick ? 15 : 60)),
                Duration.ofSeconds(number("CHURN_SAMPLE_SECONDS", quick ? 5 : 30)),
                number("NAMES_ONLINE", quick ? 10_000 : 100_000),
                number("PAGES", quick ? 1000 : 10_000),
                numbers("PAGE_PERIODS", "10,2"));
    }

    /** How a measurement is timed, for the report. */
    String timing() {
        return "warm-up " + warmup.toSeconds() + " s (not counted), then " + measure.toSeconds() + " s measured";
    }

    private static int number(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private static int[] numbers(String variable, String fallback) {
        String value = System.getenv(variable);
        String list = value == null || value.isBlank() ? fallback : value;
        return Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }
}
