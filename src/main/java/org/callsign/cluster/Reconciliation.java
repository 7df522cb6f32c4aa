package org.callsign.cluster;

import com.hazelcast.map.IMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.callsign.message.CloseCode;
import org.callsign.presence.Member;

/**
 * After a partition heals, or another instance is lost, makes every name this instance serves
 * agree with the name map again. A loss may take the last copies of some entries with it (the
 * side of a partition left with fewer copies); those of this instance's logins are put back.
 * While apart, each side went on alone: the other side freed this instance's names, and may
 * have given one of them to someone else. When the sides merge, the grid keeps one value per
 * key (the side that merges in adds only the keys the other side lacks), so the map decides:
 * a login here whose name the map still gives it keeps it; one whose name the map lost gets it
 * back if it is still free; one whose name the map gives to another login lost it, and its
 * connection is closed with 4001 (docs/protocol.md, "Several instances"), as on a takeover.
 */
final class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class.getName());

    private final IMap<String, String> names;
    private final GridMembers members;

    Reconciliation(IMap<String, String> names, GridMembers members) {
        this.names = names;
        this.members = members;
    }

    /** Checks each login of this instance against the name map; {@code after} says why, for the log. */
    void checkLocalLogins(String after) {
        int kept = 0;
        List<Member> restored = new ArrayList<>();
        List<Member> outvoted = new ArrayList<>();
        List<Member> logins = List.copyOf(members.localMembers());
        Set<String> keys = new HashSet<>();
        logins.forEach(mine -> keys.add(mine.name().key()));
        // One read per partition rather than one per login.
        Map<String, String> now = names.getAll(keys);
        for (Member mine : logins) {
            String key = mine.name().key();
            String stored = members.encode(mine);
            String held = now.get(key);
            if (held == null) {
                held = names.putIfAbsent(key, stored);
                if (held == null) {
                    restored.add(mine);
                    continue;
                }
            }
            if (held.equals(stored)) {
                kept++;
            } else {
                outvoted.add(mine);
            }
        }
        // A login or a takeover in progress here is among this instance's members a moment
        // before the map holds it, and one that failed or logged out leaves a moment after the
        // map let go of it. One more look, a round trip or more later, sees them settled.
        for (Member mine : restored) {
            if (members.localMember(mine.id()) != mine) {
                names.remove(mine.name().key(), members.encode(mine));
            }
        }
        int closed = 0;
        for (Member mine : outvoted) {
            if (members.localMember(mine.id()) == mine && !members.encode(mine).equals(names.get(mine.name().key()))) {
                // Its close reaches Router.disconnected, which logs the logout: its call ends and
                // its peer hears leave; the release there frees the name only if this login
                // holds it, so the other holder keeps it.
                mine.outbox().close(CloseCode.REPLACED);
                closed++;
            }
        }
        int keptCount = kept;
        int restoredCount = restored.size();
        int closedCount = closed;
        LOG.info(() -> "cluster: names checked after " + after + ": " + keptCount + " kept, "
                + restoredCount + " restored, " + closedCount + " held by another login (closed with 4001)");
    }
}
