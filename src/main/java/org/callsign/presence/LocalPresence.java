package org.callsign.presence;

import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Presence on one server instance: folded name key to the Member holding it, in memory. */
public final class LocalPresence implements Presence {

    private final ConcurrentNavigableMap<String, Member> online = new ConcurrentSkipListMap<>();

    @Override
    public boolean claim(Member member) {
        return online.putIfAbsent(member.name().key(), member) == null;
    }

    @Override
    public Member takeOver(String token, Member successor) {
        String key = successor.name().key();
        Member holder = online.get(key);
        if (holder == null || !Presence.tokenMatches(holder, token)) {
            return null;
        }
        return online.replace(key, holder, successor) ? holder : null;
    }

    @Override
    public void release(Member member) {
        online.remove(member.name().key(), member);
    }

    @Override
    public Member find(Name name) {
        return online.get(name.key());
    }

    @Override
    public boolean holds(Member member) {
        return member.equals(online.get(member.name().key()));
    }

    @Override
    public int size() {
        return online.size();
    }

    @Override
    public Listing list(String prefix) {
        return Listing.of(online, member -> member.name().display(), prefix);
    }
}
