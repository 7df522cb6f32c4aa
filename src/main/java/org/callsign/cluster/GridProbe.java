package org.callsign.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether this instance's data-grid operations complete: a read of the name map on every
 * member, each of a key whose partition that member owns, must answer within a second. While a
 * member is cut off but not yet declared lost (up to hazelcast.max.no.heartbeat.seconds), an
 * operation on a partition it owns waits; so do logins and call steps that touch it. Once the
 * grid has declared it lost, its partitions move to the members still reachable and the reads
 * answer again, on each side of a partition (without Hazelcast's split-brain protection, which
 * Payara does not configure, both sides go on as clusters of their own).
 */
final class GridProbe {

    private static final long ANSWER_WITHIN_MILLIS = 1000;
    /** Enough keys to hit every member's partitions: a few per member, spread by the key's hash. */
    private static final int MAX_KEYS = 1000;

    private final HazelcastInstance grid;
    private final IMap<String, String> names;
    // +guarded-by this
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

    GridProbe(HazelcastInstance grid, IMap<String, String> names) {
        this.grid = grid;
        this.names = names;
    }

    boolean answers() {
        if (!grid.getLifecycleService().isRunning()) {
            return false;
        }
        try {
            probe().get(ANSWER_WITHIN_MILLIS, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A new probe, or the one still waiting: a stalled grid must not pile up reads, one per health check. */
    private synchronized CompletableFuture<Void> probe() {
        if (!inFlight.isDone()) {
            return inFlight;
        }
        int members = grid.getCluster().getMembers().size();
        Set<Member> owners = new HashSet<>();
        CompletableFuture<?>[] reads = new CompletableFuture<?>[members];
        int started = 0;
        // '/' appears in no name (docs/protocol.md rule 2): these keys are never held.
        for (int i = 0; i < MAX_KEYS && started < members; i++) {
            String key = "/probe" + i;
            Member owner = grid.getPartitionService().getPartition(key).getOwner();
            if (owner != null && owners.add(owner)) {
                reads[started++] = names.getAsync(key).toCompletableFuture();
            }
        }
        if (started == 0) {
            // No partition has an owner yet (the grid is still forming): not ready.
            inFlight = CompletableFuture.failedFuture(new IllegalStateException("no partition owners"));
            return inFlight;
        }
        CompletableFuture<?>[] all = new CompletableFuture<?>[started];
        System.arraycopy(reads, 0, all, 0, started);
        inFlight = CompletableFuture.allOf(all);
        return inFlight;
    }
}
