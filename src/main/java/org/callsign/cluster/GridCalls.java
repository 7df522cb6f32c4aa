package org.callsign.cluster;

import com.hazelcast.map.IMap;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.callsign.presence.Call;
import org.callsign.presence.Calls;
import org.callsign.presence.Member;
import org.callsign.presence.Presence;

/**
 * Calls for the whole cluster: member id to its call, both members' entries holding the same
 * call, in one map of the data grid. A transition locks both members' keys (in one order, so
 * two transitions never wait on each other crosswise), rereads, checks and writes: the same
 * steps {@code LocalCalls} takes under its lock. A member's lock is freed when it unlocks or
 * when the instance holding it leaves the cluster; the lease bounds any other failure.
 */
final class GridCalls implements Calls {

    private static final long LEASE_SECONDS = 10;
    /** A stored call is "PHASE SERIAL CALLER CALLEE", the members as {@link GridMembers} writes them. */
    private static final String SEPARATOR = " ";
    private static final int PHASE = 0;
    private static final int SERIAL = 1;
    private static final int CALLER = 2;
    private static final int CALLEE = 3;

    private final IMap<String, String> byMember;
    private final GridMembers members;

    GridCalls(IMap<String, String> byMember, GridMembers members) {
        this.byMember = byMember;
        this.members = members;
    }

    @Override
    public Call of(Member member) {
        return decode(byMember.get(member.id()));
    }

    @Override
    public RingOutcome ring(Member caller, Member callee, Presence presence) {
        return locked(caller, callee, () -> {
            Call current = of(caller);
            if (current != null) {
                return current.involves(callee) ? RingOutcome.SAME_CALL : RingOutcome.CALLER_BUSY;
            }
            if (byMember.containsKey(callee.id())) {
                return RingOutcome.CALLEE_BUSY;
            }
            if (!presence.holds(caller) || !presence.holds(callee)) {
                return RingOutcome.GONE;
            }
            store(Call.ringing(caller, callee));
            return RingOutcome.STARTED;
        });
    }

    @Override
    public Call answer(Call expected, Member sender) {
        return locked(expected.caller(), expected.callee(), () -> {
            Call call = of(sender);
            if (!expected.equals(call) || !call.isRinging()) {
                return null;
            }
            Call connected = call.connected();
            store(connected);
            return connected;
        });
    }

    @Override
    public Call end(Member member) {
        while (true) {
            Call seen = of(member);
            if (seen == null) {
                return null;
            }
            Call ended = locked(seen.caller(), seen.callee(), () -> seen.equals(of(member)) ? remove(seen) : null);
            if (ended != null) {
                return ended;
            }
            // The call changed between the look and the lock (answered or ended): look again.
        }
    }

    @Override
    public Call decline(Call expected, Member callee) {
        return locked(expected.caller(), expected.callee(), () -> {
            Call call = of(callee);
            if (!expected.equals(call) || !call.isRinging() || !call.callee().equals(callee)) {
                return null;
            }
            return remove(call);
        });
    }

    /** Counts every call in the cluster: a scan of the map, fine for a gauge read now and then. */
    @Override
    public int ringing() {
        return count(true);
    }

    @Override
    public int connected() {
        return count(false);
    }

    /** The calls of {@code instance}'s logins with nobody else: nobody is left to end them. */
    void forgetCallsAmong(String instance) {
        for (var entry : byMember.entrySet()) {
            String[] fields = entry.getValue().split(SEPARATOR);
            if (GridMembers.storedOn(fields[CALLER], instance) && GridMembers.storedOn(fields[CALLEE], instance)) {
                byMember.remove(entry.getKey(), entry.getValue());
            }
        }
    }

    private int count(boolean ringing) {
        Collection<String> entries = byMember.values();
        int total = 0;
        for (String entry : entries) {
            if (entry.startsWith(Call.Phase.RINGING.name()) == ringing) {
                total++;
            }
        }
        return total / 2;
    }

    private void store(Call call) {
        String encoded = encode(call);
        byMember.set(call.caller().id(), encoded);
        byMember.set(call.callee().id(), encoded);
    }

    private Call remove(Call call) {
        byMember.delete(call.caller().id());
        byMember.delete(call.callee().id());
        return call;
    }

    private <T> T locked(Member one, Member other, Supplier<T> transition) {
        String first = one.id().compareTo(other.id()) < 0 ? one.id() : other.id();
        String second = first.equals(one.id()) ? other.id() : one.id();
        byMember.lock(first, LEASE_SECONDS, TimeUnit.SECONDS);
        try {
            byMember.lock(second, LEASE_SECONDS, TimeUnit.SECONDS);
            try {
                return transition.get();
            } finally {
                byMember.unlock(second);
            }
        } finally {
            byMember.unlock(first);
        }
    }

    private String encode(Call call) {
        return call.phase().name() + SEPARATOR + call.serial() + SEPARATOR + members.encode(call.caller())
                + SEPARATOR + members.encode(call.callee());
    }

    private Call decode(String stored) {
        if (stored == null) {
            return null;
        }
        String[] fields = stored.split(SEPARATOR);
        return new Call(members.decode(fields[CALLER]), members.decode(fields[CALLEE]), Call.Phase.valueOf(fields[PHASE]),
                Long.parseLong(fields[SERIAL]));
    }
}
