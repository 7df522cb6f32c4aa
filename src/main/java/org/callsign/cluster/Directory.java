package org.callsign.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.callsign.presence.Listing;

/**
 * This instance's sorted copy of who is online in the whole cluster, kept current by the name
 * map's events, for {@code users} (a range scan here instead of a query across the cluster for
 * every listing) and the online gauge. Changes made through this instance are applied at once,
 * so a user's own login is listed by the next message; changes made elsewhere trail by the time
 * an event takes to arrive. An event that arrives after a newer local change can briefly undo
 * it, and the event of that change, which follows in order, restores it.
 */
final class Directory implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
        EntryRemovedListener<String, String> {

    private final ConcurrentNavigableMap<String, String> displayByKey = new ConcurrentSkipListMap<>();
    private final Object replaying = new Object();
    /** Changes seen while the copy is first filled, applied after it; null from then on. */
    private List<Runnable> early = new ArrayList<>();
    private UUID listening;

    /**
     * Listens first and copies second, replaying what arrived meanwhile: every change is a
     * set or a removal of one key, and a key's changes arrive in order, so the copy ends as
     * the map is, whatever the copy read before or after each change.
     */
    void fill(IMap<String, String> names) {
        listening = names.addEntryListener(this, true);
        for (Map.Entry<String, String> entry : names.entrySet()) {
            displayByKey.put(entry.getKey(), GridMembers.nameOf(entry.getValue()));
        }
        synchronized (replaying) {
            early.forEach(Runnable::run);
            early = null;
        }
    }

    void stop(IMap<String, String> names) {
        names.removeEntryListener(listening);
    }

    int size() {
        return displayByKey.size();
    }

    Listing list(String prefix) {
        return Listing.of(displayByKey, display -> display, prefix);
    }

    /** {@code key} is held, {@code stored} as the name map holds it: from an event, or at once for a change made here. */
    void held(String key, String stored) {
        String display = GridMembers.nameOf(stored);
        apply(() -> displayByKey.put(key, display));
    }

    /** {@code key} is free: from an event, or at once for a release made here. */
    void freed(String key) {
        apply(() -> displayByKey.remove(key));
    }

    @Override
    public void entryAdded(EntryEvent<String, String> event) {
        held(event.getKey(), event.getValue());
    }

    @Override
    public void entryUpdated(EntryEvent<String, String> event) {
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
