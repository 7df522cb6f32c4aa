package org.callsign.presence;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Names on one server instance, in memory: who holds each identity, which decides, and a sorted
 * concurrent map by key, so listing is a range scan. The listing follows each change of the
 * holders a moment later, as a cluster's does.
 */
public final class LocalNameStore implements NameStore {

    private final ConcurrentMap<String, Member> holders = new ConcurrentHashMap<>();
    private final ConcurrentNavigableMap<String, Member> online = new ConcurrentSkipListMap<>();
    private final NavigableMap<String, Member> readOnly = Collections.unmodifiableNavigableMap(online);

    @Override
    public Member get(String identity) {
        return holders.get(identity);
    }

    // Each login is listed only after it holds its identity, and unlisted only after it let go
    // of it, value for value, so a newer holder of the same key is never unlisted by an older.
    @Override
    public boolean putIfAbsent(String identity, Member member) {
        if (holders.putIfAbsent(identity, member) != null) {
            return false;
        }
        online.put(member.name().key(), member);
        return true;
    }

    @Override
    public boolean replace(String identity, Member holder, Member successor) {
        if (!holders.replace(identity, holder, successor)) {
            return false;
        }
        online.remove(holder.name().key(), holder);
        online.put(successor.name().key(), successor);
        return true;
    }

    @Override
    public boolean remove(String identity, Member holder) {
        if (!holders.remove(identity, holder)) {
            return false;
        }
        online.remove(holder.name().key(), holder);
        return true;
    }

    /** Every connection of this instance is reachable while its login holds a name. */
    @Override
    public boolean reachable(Member member) {
        return true;
    }

    @Override
    public NavigableMap<String, Member> sorted() {
        return readOnly;
    }
}
