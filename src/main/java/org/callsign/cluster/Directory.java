package org.callsign.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.callsign.presence.Member;

/**
 * This instance's sorted copy of who is online in the whole cluster, kept current by the name
 * map's events, for {@code users} (a range scan here instead of a query across the cluster for
 * every listing) and the online gauge. Changes made through this instance are applied at once,
 * so a user's own login is listed by the next message; changes made elsewhere trail by the time
 * an event takes to arrive. An event that arrives after a newer local change can briefly undo
 * it, and the event of that change, which follows in order, restores it.
 */
final class Directory implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
        EntryRemovedListener<String, String>, EntryMergedListener<String, String> {

    private final GridMembers members;
    private final ConcurrentNavigableMap<String, Member> byKey = new ConcurrentSkipListMap<>();
    private final NavigableMap<String, Member> readOnly = Collections.unmodifiableNavigableMap(byKey);
    private final Object replaying = new Object();
    /** Changes seen while the copy is first filled, applied after it; null from then on. */
    private List<Runnable> early = new ArrayList<>();
    private UUID listening;

    Directory(GridMembers members) {
        this.members = members;
    }

    /**
     * Listens first and copies second, replaying what arrived meanwhile: every change is a
     * set or a removal of one key, and a key's changes arrive in order, so the copy ends as
     * the map is, whatever the copy read before or after each change.
     */
    void fill(IMap<String, String> names) {
        listening = names.addEntryListener(this, true);
        for (Map.Entry<String, String> entry : names.entrySet()) {
            byKey.put(entry.getKey(), members.decode(entry.getValue()));
        }
        synchronized (replaying) {
            early.forEach(Runnable::run);
            early = null;
        }
    }

    /**
     * Copies the map again, after this instance merged back into the cluster following a
     * partition: the merge replaced what this instance saw while apart without an event for
     * what the other side already held. A change racing this copy may show stale until that
     * name's next change.
     */
    void refill(IMap<String, String> names) {
        Map<String, String> now = Map.copyOf(names);
        byKey.keySet().retainAll(now.keySet());
        now.forEach((key, stored) -> byKey.put(key, members.decode(stored)));
    }

    void stop(IMap<String, String> names) {
        names.removeEntryListener(listening);
    }

    NavigableMap<String, Member> sorted() {
        return readOnly;
    }

    /** {@code key} is held, {@code stored} as the name map holds it: from an event, or at once for a change made here. */
    void held(String key, String stored) {
        Member holder = members.decode(stored);
        apply(() -> byKey.put(key, holder));
    }

    /** {@code key} is free: from an event, or at once for a release made here. */
    void freed(String key) {
        apply(() -> byKey.remove(key));
    }

    @Override
    public void entryAdded(EntryEvent<String, String> event) {
        held(event.getKey(), event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
        entryAdded(event);
    }

    /** A name the other side held while apart, added as the sides merge. */
    @Override
    public void entryMerged(EntryEvent<String, String> event) {
        entryAdded(event);
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> event) {
        freed(event.getKey());
    }

    private void apply(Runnable change) {
        synchronized (replaying) {
            if (early != null) {
                early.add(change);
                return;
            }
        }
        change.run();
    }
}
