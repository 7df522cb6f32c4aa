package org.callsign.presence;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Names on one server instance, in memory: a sorted concurrent map, so listing is a range scan. */
public final class LocalNameStore implements NameStore {

    private final ConcurrentNavigableMap<String, Member> online = new ConcurrentSkipListMap<>();
    private final NavigableMap<String, Member> readOnly = Collections.unmodifiableNavigableMap(online);

    @Override
    public Member get(String key) {
        return online.get(key);
    }

    @Override
    public boolean putIfAbsent(String key, Member member) {
        return online.putIfAbsent(key, member) == null;
    }

    @Override
    public boolean replace(String key, Member holder, Member successor) {
        return online.replace(key, holder, successor);
    }

    @Override
    public boolean remove(String key, Member holder) {
        return online.remove(key, holder);
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
