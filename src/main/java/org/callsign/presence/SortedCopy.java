package org.callsign.presence;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A store's current {@link SortedNames}, swapped atomically on every change: readers list from
 * a snapshot without a lock, and concurrent changes of different keys are never lost (a change
 * that lost the race is applied again to the newer map).
 */
public final class SortedCopy {

    private final AtomicReference<SortedNames> current = new AtomicReference<>(SortedNames.EMPTY);

    public SortedNames now() {
        return current.get();
    }

    public void put(String key, Member holder) {
        current.updateAndGet(names -> names.with(key, holder));
    }

    public void remove(String key) {
        current.updateAndGet(names -> names.without(key));
    }

    /** Removes {@code oldKey} and puts {@code holder} under {@code newKey}, in one step: no reader sees neither. */
    public void replace(String oldKey, String newKey, Member holder) {
        current.updateAndGet(names -> names.without(oldKey).with(newKey, holder));
    }

    /** Replaces the whole copy with {@code holders}, each under its name's key. */
    public void replaceAll(Iterable<Member> holders) {
        current.set(SortedNames.of(holders));
    }
}
