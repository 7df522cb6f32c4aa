package org.callsign.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.callsign.support.Jcmd;

/**
 * Live objects of the server by class ({@code jcmd GC.class_histogram}, which collects first),
 * so that two of them tell where the heap a scenario added went.
 */
final class ClassHistogram {

    /** "   1:   123   45678  java.lang.String (java.base@17)". */
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private final Map<String, long[]> byClass;

    private ClassHistogram(Map<String, long[]> byClass) {
        this.byClass = byClass;
    }

    static ClassHistogram of(List<Long> pids) {
        Map<String, long[]> byClass = new HashMap<>();
        for (long pid : pids) {
            for (String line : Jcmd.run(pid, "GC.class_histogram").split("\n")) {
                Matcher row = ROW.matcher(line);
                if (row.find()) {
                    long[] counts = byClass.computeIfAbsent(row.group(3), name -> new long[2]);
                    counts[0] += Long.parseLong(row.group(1));
                    counts[1] += Long.parseLong(row.group(2));
                }
            }
        }
        return new ClassHistogram(byClass);
    }

    /** The classes that grew most from {@code before} to this, per one of {@code sessions}, as Markdown rows. */
    void printGrowth(ClassHistogram before, int sessions, int rows, Report report) {
        report.columns("class", "objects/session", "bytes/session");
        byClass.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), growth(entry.getValue(), before.byClass.get(entry.getKey()))))
                .sorted((one, other) -> Long.compare(other.getValue()[1], one.getValue()[1]))
                .limit(rows)
                .forEach(entry -> report.row("`" + entry.getKey() + "`", (double) entry.getValue()[0] / sessions,
                        (double) entry.getValue()[1] / sessions));
    }

    private static long[] growth(long[] after, long[] before) {
        return before == null ? after : new long[] {after[0] - before[0], after[1] - before[1]};
    }
}
