package org.callsign.cluster;

import com.hazelcast.map.IMap;
import java.util.NavigableMap;
import java.util.function.Predicate;
import org.callsign.presence.Member;
import org.callsign.presence.NameStore;

/**
 * Names for the whole cluster: folded name key to the login holding it, in one map of the data
 * grid, as {@link GridMembers} writes a login. putIfAbsent, replace(key, old, new) and
 * remove(key, value) are the map's own atomic operations, so across instances exactly one
 * login holds a name. Counts and listings read this instance's {@link Directory}.
 */
final class GridNameStore implements NameStore {

    private final IMap<String, String> names;
    private final GridMembers members;
    private final Directory directory;
    private final Predicate<String> instanceAlive;

    GridNameStore(IMap<String, String> names, GridMembers members, Directory directory,
            Predicate<String> instanceAlive) {
        this.names = names;
        this.members = members;
        this.directory = directory;
        this.instanceAlive = instanceAlive;
    }

    @Override
    public Member get(String key) {
        String held = names.get(key);
        return held == null ? null : members.decode(held);
    }

    @Override
    public boolean putIfAbsent(String key, Member member) {
        // Reachable here before anyone can find the name: a peer may call the moment it is stored.
        members.arrived(member);
        String stored = members.encode(member);
        if (names.putIfAbsent(key, stored) == null) {
            directory.held(key, stored);
            return true;
        }
        members.left(member);
        return false;
    }

    @Override
    public boolean replace(String key, Member holder, Member successor) {
        members.arrived(successor);
        String stored = members.encode(successor);
        if (names.replace(key, members.encode(holder), stored)) {
            directory.held(key, stored);
            return true;
        }
        members.left(successor);
        return false;
    }

    @Override
    public void remove(String key, Member holder) {
        if (names.remove(key, members.encode(holder))) {
            directory.freed(key);
        }
        members.left(holder);
    }

    /** Its instance is still in the cluster: a dead instance's names stay until a survivor frees them. */
    @Override
    public boolean reachable(Member member) {
        return instanceAlive.test(members.instanceOf(member));
    }

    @Override
    public NavigableMap<String, Member> sorted() {
        return directory.sorted();
    }
}
