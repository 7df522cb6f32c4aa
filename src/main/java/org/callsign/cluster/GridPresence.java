package org.callsign.cluster;

import com.hazelcast.map.IMap;
import java.util.function.Predicate;
import org.callsign.presence.Listing;
import org.callsign.presence.Member;
import org.callsign.presence.Name;
import org.callsign.presence.Presence;

/**
 * Presence for the whole cluster: folded name key to the login holding it, in one map of the
 * data grid. A claim is the map's atomic putIfAbsent, a takeover its replace(key, old, new) and
 * a release its remove(key, value), so across instances exactly one login holds a name and a
 * late release never frees a newer holder's claim.
 */
final class GridPresence implements Presence {

    private final IMap<String, String> names;
    private final GridMembers members;
    private final Directory directory;
    private final Predicate<String> instanceAlive;

    GridPresence(IMap<String, String> names, GridMembers members, Directory directory,
            Predicate<String> instanceAlive) {
        this.names = names;
        this.members = members;
        this.directory = directory;
        this.instanceAlive = instanceAlive;
    }

    @Override
    public boolean claim(Member member) {
        // Reachable here before anyone can find the name: a peer may call the moment it is claimed.
        members.arrived(member);
        String stored = members.encode(member);
        if (names.putIfAbsent(member.name().key(), stored) == null) {
            directory.held(member.name().key(), stored);
            return true;
        }
        members.left(member);
        return false;
    }

    @Override
    public Member takeOver(String token, Member successor) {
        String key = successor.name().key();
        String held = names.get(key);
        if (held == null) {
            return null;
        }
        Member holder = members.decode(held);
        if (!Presence.tokenMatches(holder, token)) {
            return null;
        }
        members.arrived(successor);
        String stored = members.encode(successor);
        if (names.replace(key, held, stored)) {
            directory.held(key, stored);
            return holder;
        }
        members.left(successor);
        return null;
    }

    @Override
    public void release(Member member) {
        if (names.remove(member.name().key(), members.encode(member))) {
            directory.freed(member.name().key());
        }
        members.left(member);
    }

    @Override
    public Member find(Name name) {
        String held = names.get(name.key());
        return held == null ? null : members.decode(held);
    }

    /** Holds its name, and its instance is still in the cluster (its names may not be freed yet). */
    @Override
    public boolean holds(Member member) {
        String encoded = members.encode(member);
        return encoded.equals(names.get(member.name().key())) && instanceAlive.test(members.instanceOf(member));
    }

    @Override
    public int size() {
        return directory.size();
    }

    @Override
    public Listing list(String prefix) {
        return directory.list(prefix);
    }
}
