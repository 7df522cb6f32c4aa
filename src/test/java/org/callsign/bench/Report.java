package org.callsign.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Markdown a scenario prints to stdout, which run.sh appends to the results file. A
 * correctness failure is printed as FAILURE in place of figures and makes the exit code 1.
 */
final class Report {

    private final List<String> failures = new ArrayList<>();

    void heading(String title) {
        System.out.printf("%n### %s%n%n", title);
    }

    void note(String text) {
        System.out.println(text);
    }

    void columns(String... names) {
        System.out.println("| " + String.join(" | ", names) + " |");
        System.out.println("|" + "---|".repeat(names.length));
    }

    void row(Object... cells) {
        StringBuilder line = new StringBuilder("|");
        for (Object cell : cells) {
            line.append(' ').append(cell instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : cell).append(" |");
        }
        System.out.println(line);
    }

    void fail(String what) {
        failures.add(what);
        System.out.println("**FAILURE**: " + what);
    }

    boolean failed() {
        return !failures.isEmpty();
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }
}
