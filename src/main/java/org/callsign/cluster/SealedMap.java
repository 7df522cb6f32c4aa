package org.callsign.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.MapEvent;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.MapClearedListener;
import com.hazelcast.map.listener.MapEvictedListener;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A map of the data grid as only the cluster's instances can read and write it: every value is
 * sealed by {@link EntrySeal}, and, for a map whose keys would tell who is online, every key is
 * hidden. What fails authentication is treated as absent and reported to {@link Rejections}:
 * it is never returned, and a claim may overwrite it. Its methods take and give plain keys and
 * values and keep the atomic operations of the map underneath.
 */
final class SealedMap {

    /** An entry as the map holds it: the key it is stored under, and its value, opened. */
    record Stored(String storedKey, String value) {
    }

    /** What a listener hears: changes to entries, opened, and entries that failed authentication. */
    interface Changes {

        /** {@code value} is now stored under {@code storedKey}. */
        void stored(String storedKey, String value);

        /**
         * {@code value} replaced {@code previous} (null if that was not authentic) under
         * {@code storedKey}; for a listener to whom the value before matters.
         */
        default void replaced(String storedKey, String previous, String value) {
            stored(storedKey, value);
        }

        /** The entry under {@code storedKey} is gone; {@code previous} was its value, or null if that was not authentic. */
        void removed(String storedKey, String previous);

        /** Something that failed authentication now sits under {@code storedKey}. */
        void forged(String storedKey);

        /** Every entry is gone at once: the instances never do that, so someone else did. */
        void cleared();
    }

    private final IMap<String, String> map;
    private final EntrySeal seal;
    private final Rejections rejections;
    private final boolean hideKeys;

    SealedMap(IMap<String, String> map, EntrySeal seal, Rejections rejections, boolean hideKeys) {
        this.map = map;
        this.seal = seal;
        this.rejections = rejections;
        this.hideKeys = hideKeys;
    }

    String storedKey(String key) {
        return hideKeys ? seal.hideKey(key) : key;
    }

    String get(String key) {
        String storedKey = storedKey(key);
        return open(storedKey, map.get(storedKey));
    }

    /** Stores {@code value} if nothing authentic is stored under {@code key}; a forgery there gives way. */
    boolean putIfAbsent(String key, String value) {
        String storedKey = storedKey(key);
        String sealed = seal.seal(map.getName(), storedKey, value);
        String present = map.putIfAbsent(storedKey, sealed);
        return present == null || open(storedKey, present) == null && map.replace(storedKey, present, sealed);
    }

    void set(String key, String value) {
        String storedKey = storedKey(key);
        map.set(storedKey, seal.seal(map.getName(), storedKey, value));
    }

    boolean replace(String key, String expected, String value) {
        String storedKey = storedKey(key);
        return map.replace(storedKey, seal.seal(map.getName(), storedKey, expected),
                seal.seal(map.getName(), storedKey, value));
    }

    boolean remove(String key, String expected) {
        return remove(new Stored(storedKey(key), expected));
    }

    boolean remove(Stored entry) {
        return map.remove(entry.storedKey(), seal.seal(map.getName(), entry.storedKey(), entry.value()));
    }

    void delete(String key) {
        map.delete(storedKey(key));
    }

    void lock(String key, long leaseSeconds) {
        map.lock(storedKey(key), leaseSeconds, TimeUnit.SECONDS);
    }

    void unlock(String key) {
        map.unlock(storedKey(key));
    }

    /** Every authentic entry; the map's whole content crosses the network, so not for a hot path. */
    List<Stored> entries() {
        List<Stored> authentic = new ArrayList<>();
        for (Map.Entry<String, String> entry : map.entrySet()) {
            String value = open(entry.getKey(), entry.getValue());
            if (value != null) {
                authentic.add(new Stored(entry.getKey(), value));
            }
        }
        return authentic;
    }

    UUID listen(Changes changes) {
        return map.addEntryListener(new Listener(changes), true);
    }

    void stopListening(UUID listening) {
        map.removeEntryListener(listening);
    }

    private String open(String storedKey, String sealed) {
        if (sealed == null) {
            return null;
        }
        String value = seal.open(map.getName(), storedKey, sealed);
        if (value == null) {
            rejections.reject("map " + map.getName(), "an entry");
        }
        return value;
    }

    /** Opens each event's values before handing them on. */
    private final class Listener implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String>,
            EntryRemovedListener<String, String>, EntryEvictedListener<String, String>,
            EntryExpiredListener<String, String>, EntryMergedListener<String, String>, MapClearedListener,
            MapEvictedListener {

        private final Changes changes;

        Listener(Changes changes) {
            this.changes = changes;
        }

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            String value = authentic(event);
            if (value != null) {
                changes.stored(event.getKey(), value);
            }
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            String value = authentic(event);
            if (value != null) {
                changes.replaced(event.getKey(), previous(event), value);
            }
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            changes.removed(event.getKey(), previous(event));
        }

        /** An entry the other side held while apart, as the sides of a partition merge. */
        @Override
        public void entryMerged(EntryEvent<String, String> event) {
            entryAdded(event);
        }

        @Override
        public void entryEvicted(EntryEvent<String, String> event) {
            entryRemoved(event);
        }

        @Override
        public void entryExpired(EntryEvent<String, String> event) {
            entryRemoved(event);
        }

        @Override
        public void mapCleared(MapEvent event) {
            changes.cleared();
        }

        @Override
        public void mapEvicted(MapEvent event) {
            changes.cleared();
        }

        /** The event's value, opened; null, reported as forged, if it is not authentic. */
        private String authentic(EntryEvent<String, String> event) {
            String value = seal.open(map.getName(), event.getKey(), event.getValue());
            if (value == null) {
                rejections.reject(source(event), "an entry of map " + map.getName());
                changes.forged(event.getKey());
            }
            return value;
        }

        /** The value the event replaced or removed, opened; null if there was none or it was not authentic. */
        private String previous(EntryEvent<String, String> event) {
            String previous = event.getOldValue();
            return previous == null ? null : seal.open(map.getName(), event.getKey(), previous);
        }

        private String source(EntryEvent<String, String> event) {
            return event.getMember() == null ? "map " + map.getName() : event.getMember().getAddress().toString();
        }
    }
}
