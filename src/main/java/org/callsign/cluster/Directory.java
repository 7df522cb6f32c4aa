package org.callsign.cluster;

import java.util.List;
import java.util.function.Supplier;
import org.callsign.presence.Member;
import org.callsign.presence.SortedCopy;
import org.callsign.presence.SortedNames;

/**
 * This instance's sorted copy of who is online in the whole cluster, kept current by the name
 * map's events, for {@code users} (counted here in O(log n) instead of a query across the
 * cluster for every listing) and the online gauge. Changes made through this instance are applied at once,
 * so a user's own login is listed by the next message; changes made elsewhere trail by the time
 * an event takes to arrive. An event that arrives after a newer local change can briefly undo
 * it, and the event of that change, which follows in order, restores it.
 */
final class Directory {

    private final SortedCopy byKey = new SortedCopy();
    private final CatchUp catchUp = new CatchUp();

    /** Starts {@code listening} first and {@code reads} the map second (see {@link CatchUp}). */
    void fill(Runnable listening, Supplier<List<Member>> reads) {
        catchUp.fill(listening, () -> byKey.replaceAll(reads.get()));
    }

    /**
     * Replaces the copy with {@code holders}, read from the map just now: after a merge or a
     * loss, which change entries without an event for each. A change racing this read may show
     * stale until that name's next change.
     */
    void refill(List<Member> holders) {
        byKey.replaceAll(holders);
    }

    SortedNames sorted() {
        return byKey.now();
    }

    /** {@code key} is held by {@code holder}: from an event, or at once for a change made here. */
    void held(String key, Member holder) {
        catchUp.apply(() -> byKey.put(key, holder));
    }

    /** {@code key} is free: from an event, or at once for a release made here. */
    void freed(String key) {
        catchUp.apply(() -> byKey.remove(key));
    }
}
