package org.callsign.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each call that started ringing on this instance stops ringing (docs/protocol.md rule 27).
 * Keyed by the caller, who rings one call at a time: the map never holds more entries than
 * this instance has callers, however often one of them rings and cancels. An entry whose call
 * was answered or ended meanwhile is simply found to be over when it falls due.
 */
final class RingDeadlines {

    private record Deadline(Call call, long dueNanos) {
    }

    private final long timeoutNanos;
    private final Map<String, Deadline> byCaller = new ConcurrentHashMap<>();

    RingDeadlines(long timeoutNanos) {
        this.timeoutNanos = timeoutNanos;
    }

    void started(Call call, long nowNanos) {
        byCaller.put(call.caller().id(), new Deadline(call, nowNanos + timeoutNanos));
    }

    /** Takes out and returns the calls whose ringing time is up at {@code nowNanos}. */
    List<Call> due(long nowNanos) {
        List<Call> due = new ArrayList<>();
        byCaller.forEach((caller, deadline) -> {
            if (nowNanos - deadline.dueNanos() >= 0 && byCaller.remove(caller, deadline)) {
                due.add(deadline.call());
            }
        });
        return due;
    }
}
