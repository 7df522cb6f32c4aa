package org.callsign.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Who is online: folded name key to the Member holding it. Every change is one atomic map
 * operation, so racing logins for one name have exactly one winner.
 */
public final class Presence {

    static final int MAX_LISTED = 100;

    // Sorted by key, so a prefix search is a range scan and the reply is already in order.
    private final ConcurrentNavigableMap<String, Member> online = new ConcurrentSkipListMap<>();

    /** Claims the member's name if nobody holds it. */
    boolean claim(Member member) {
        return online.putIfAbsent(member.name().key(), member) == null;
    }

    /**
     * Gives the name to a new connection if {@code token} is the holder's token. Returns the
     * Member replaced, or null if the token does not match (or nobody holds the name).
     */
    Member takeOver(String token, Member successor) {
        String key = successor.name().key();
        Member holder = online.get(key);
        if (holder == null || !Tokens.matches(holder.token(), token)) {
            return null;
        }
        return online.replace(key, holder, successor) ? holder : null;
    }

    void release(Member member) {
        // remove(key, value), not remove(key): after a takeover the name belongs to a newer
        // connection, whose login must survive this one's close.
        online.remove(member.name().key(), member);
    }

    Member find(Name name) {
        return online.get(name.key());
    }

    boolean holds(Member member) {
        return online.get(member.name().key()) == member;
    }

    public int size() {
        return online.size();
    }

    /** Names starting with {@code prefix} ignoring case, in order, at most 100, and the count. */
    Listing list(String prefix) {
        String from = prefix == null ? "" : Name.fold(prefix);
        Map<String, Member> range = online.tailMap(from, true);
        List<String> names = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, Member> entry : range.entrySet()) {
            if (!entry.getKey().startsWith(from)) {
                break;
            }
            if (names.size() < MAX_LISTED) {
                names.add(entry.getValue().name().display());
            }
            total++;
        }
        return new Listing(names, total);
    }

    record Listing(List<String> names, int total) {}
}
