package org.callsign.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names on one server instance, in memory: a concurrent map for the atomic steps, and a
 * {@link SortedNames} copy, keyed by each name's folded key, for counting and listing.
 */
public final class LocalNameStore implements NameStore {

    private final Map<String, Member> online = new ConcurrentHashMap<>();
    /**
     * Changed only inside the map's compute for the changed key, which orders all changes of one
     * key; changes of different keys commute, so the copy always ends as the map is.
     */
    private final SortedCopy sorted = new SortedCopy();

    @Override
    public Member get(String key) {
        return online.get(key);
    }

    @Override
    public boolean putIfAbsent(String key, Member member) {
        return online.computeIfAbsent(key, free -> {
            sorted.put(member.name().key(), member);
            return member;
        }) == member;
    }

    @Override
    public boolean replace(String key, Member holder, Member successor) {
        return online.computeIfPresent(key, (held, current) -> {
            if (!current.equals(holder)) {
                return current;
            }
            sorted.replace(holder.name().key(), successor.name().key(), successor);
            return successor;
        }) == successor;
    }

    @Override
    public void remove(String key, Member holder) {
        online.computeIfPresent(key, (held, current) -> {
            if (!current.equals(holder)) {
                return current;
            }
            sorted.remove(holder.name().key());
            return null;
        });
    }

    /** Every connection of this instance is reachable while its login holds a name. */
    @Override
    public boolean reachable(Member member) {
        return true;
    }

    @Override
    public SortedNames sorted() {
        return sorted.now();
    }
}
