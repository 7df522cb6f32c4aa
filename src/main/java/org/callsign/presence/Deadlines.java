package org.callsign.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Things that end at a time unless something happens first: calls ringing (docs/protocol.md
 * rule 27), away logins waiting to resume (rule 24). One entry per key, so a key set again
 * replaces its deadline and the map never outgrows the logins of this instance. The router's
 * once-a-second sweep takes out what is due and checks it is still current before acting.
 */
final class Deadlines<T> {

    private record Entry<T>(T value, long dueNanos) {
    }

    private final Map<String, Entry<T>> byKey = new ConcurrentHashMap<>();

    void set(String key, T value, long dueNanos) {
        byKey.put(key, new Entry<>(value, dueNanos));
    }

    /** Takes {@code key}'s entry out; whether there was one. */
    boolean cancel(String key) {
        return byKey.remove(key) != null;
    }

    /** Takes out and returns what is due at {@code nowNanos}, or already over early as {@code overEarly} says. */
    List<T> takeDue(long nowNanos, Predicate<T> overEarly) {
        List<T> due = new ArrayList<>();
        byKey.forEach((key, entry) -> {
            if ((nowNanos - entry.dueNanos() >= 0 || overEarly.test(entry.value())) && byKey.remove(key, entry)) {
                due.add(entry.value());
            }
        });
        return due;
    }
}
