package org.callsign.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names on one server instance, in memory: who holds each identity, which decides, and a
 * {@link SortedNames} copy by folded key, for counting and listing.
 */
public final class LocalNameStore implements NameStore {

    private final Map<String, Member> holders = new ConcurrentHashMap<>();
    /**
     * Changed only inside the map's compute for the changed identity, which orders all changes of
     * one name; changes of different names commute, so the copy always ends as the map is.
     */
    private final SortedCopy sorted = new SortedCopy();

    @Override
    public Member get(String identity) {
        return holders.get(identity);
    }

    @Override
    public boolean putIfAbsent(String identity, Member member) {
        return holders.computeIfAbsent(identity, free -> {
            sorted.put(member.name().key(), member);
            return member;
        }) == member;
    }

    @Override
    public boolean replace(String identity, Member holder, Member successor) {
        return holders.computeIfPresent(identity, (held, current) -> {
            if (!current.equals(holder)) {
                return current;
            }
            // The successor may spell the name differently, and so be listed under another key.
            sorted.replace(holder.name().key(), successor.name().key(), successor);
            return successor;
        }) == successor;
    }

    @Override
    public boolean remove(String identity, Member holder) {
        boolean[] removed = {false};
        holders.computeIfPresent(identity, (held, current) -> {
            if (!current.equals(holder)) {
                return current;
            }
            sorted.remove(holder.name().key());
            removed[0] = true;
            return null;
        });
        return removed[0];
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
