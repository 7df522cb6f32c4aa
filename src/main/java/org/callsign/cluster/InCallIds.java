package org.callsign.cluster;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The ids of the logins in a call anywhere in the cluster, as this instance last heard, for the
 * busy names of a {@code users} reply (docs/protocol.md rule 28): a reply lists up to 100 names,
 * and a read of the call map for each would cost up to 100 network round trips per request.
 * Kept as the {@link Directory} is: filled once, then fed by the call map's events; changes made
 * through this instance are applied at once, those made elsewhere trail by the time an event takes.
 */
final class InCallIds {

    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final CatchUp catchUp = new CatchUp();

    /** Starts {@code listening} first and {@code reads} the ids in the map second (see {@link CatchUp}). */
    void fill(Runnable listening, Supplier<Collection<String>> reads) {
        catchUp.fill(listening, () -> ids.addAll(reads.get()));
    }

    boolean contains(String id) {
        return ids.contains(id);
    }

    void inCall(String id) {
        catchUp.apply(() -> ids.add(id));
    }

    void free(String id) {
        catchUp.apply(() -> ids.remove(id));
    }

    /** The call map was cleared: the instances put back their logins' calls, each with an event. */
    void clear() {
        catchUp.apply(ids::clear);
    }
}
