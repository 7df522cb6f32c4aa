package org.callsign.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Which server instance a data-grid member is. An instance's id is the member UUID the grid gave
 * it when it first joined; {@link GridMembers} writes it into every name and call the instance
 * stores, so it must not change while the instance lives. The grid does change it: a member that
 * merges back after a partition is reset and rejoins with a new UUID (Hazelcast's
 * ClusterServiceImpl logs "Resetting local member UUID"). Such an instance then announces
 * "new UUID → instance id" in a small map, and every instance keeps a copy of that map here,
 * so that telling who is in the cluster, and freeing an instance's names when it leaves, keep
 * working with the id its entries carry. The copy is read from memory: during a partition part
 * of the map may be out of reach, and these lookups are needed exactly then.
 */
final class InstanceIds implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
        EntryMergedListener<String, String> {

    private final IMap<String, String> announced;
    /** Member UUID → instance id, for members whose UUID changed; any other member's id is its UUID. */
    private final Map<String, String> byUuid = new ConcurrentHashMap<>();
    private final Consumer<String> onAnnounced;
    private final UUID listening;

    /** {@code onAnnounced} gets the instance id of each instance that announces a new UUID. */
    InstanceIds(IMap<String, String> announced, Consumer<String> onAnnounced) {
        this.announced = announced;
        this.onAnnounced = onAnnounced;
        this.listening = announced.addEntryListener(this, true);
        byUuid.putAll(announced);
    }

    /** The instance id of {@code member}. */
    String of(Member member) {
        return of(member.getUuid().toString());
    }

    String of(String memberUuid) {
        return byUuid.getOrDefault(memberUuid, memberUuid);
    }

    /** Tells every instance that {@code instance} is now the member {@code memberUuid}. */
    void announce(String memberUuid, String instance) {
        byUuid.put(memberUuid, instance);
        announced.set(memberUuid, instance);
    }

    void stop() {
        announced.removeEntryListener(listening);
    }

    @Override
    public void entryAdded(EntryEvent<String, String> event) {
        byUuid.put(event.getKey(), event.getValue());
        onAnnounced.accept(event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
        entryAdded(event);
    }

    @Override
    public void entryMerged(EntryEvent<String, String> event) {
        // A merge brings back what the other side announced while apart: ids only, nothing to check.
        byUuid.put(event.getKey(), event.getValue());
    }
}
