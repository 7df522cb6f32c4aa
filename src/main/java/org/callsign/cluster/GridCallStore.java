package org.callsign.cluster;

import com.hazelcast.map.IMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.callsign.presence.Call;
import org.callsign.presence.CallStore;
import org.callsign.presence.Member;

/**
 * Calls for the whole cluster: member id to its call, both members' entries holding the same
 * call, in one map of the data grid. {@link #locked} locks both members' keys, in one order so
 * that two steps never wait on each other crosswise. A member's lock is freed when it unlocks
 * or when the instance holding it leaves the cluster; the lease bounds any other failure.
 */
final class GridCallStore implements CallStore {

    private static final long LEASE_SECONDS = 10;
    /** A stored call is "PHASE SERIAL CALLER CALLEE", the members as {@link GridMembers} writes them. */
    private static final String SEPARATOR = " ";
    private static final int PHASE = 0;
    private static final int SERIAL = 1;
    private static final int CALLER = 2;
    private static final int CALLEE = 3;

    private final IMap<String, String> byMember;
    private final GridMembers members;

    GridCallStore(IMap<String, String> byMember, GridMembers members) {
        this.byMember = byMember;
        this.members = members;
    }

    @Override
    public Call get(Member member) {
        String stored = byMember.get(member.id());
        if (stored == null) {
            return null;
        }
        String[] fields = stored.split(SEPARATOR);
        return new Call(members.decode(fields[CALLER]), members.decode(fields[CALLEE]),
                Call.Phase.valueOf(fields[PHASE]), Long.parseLong(fields[SERIAL]));
    }

    @Override
    public void put(Call call) {
        String encoded = call.phase().name() + SEPARATOR + call.serial() + SEPARATOR
                + members.encode(call.caller()) + SEPARATOR + members.encode(call.callee());
        byMember.set(call.caller().id(), encoded);
        byMember.set(call.callee().id(), encoded);
    }

    @Override
    public void remove(Call call) {
        byMember.delete(call.caller().id());
        byMember.delete(call.callee().id());
    }

    @Override
    public <T> T locked(Member one, Member other, Supplier<T> step) {
        String first = one.id().compareTo(other.id()) < 0 ? one.id() : other.id();
        String second = first.equals(one.id()) ? other.id() : one.id();
        byMember.lock(first, LEASE_SECONDS, TimeUnit.SECONDS);
        try {
            byMember.lock(second, LEASE_SECONDS, TimeUnit.SECONDS);
            try {
                return step.get();
            } finally {
                byMember.unlock(second);
            }
        } finally {
            byMember.unlock(first);
        }
    }

    /** Counts every call in the cluster: a scan of the map, fine for a gauge read now and then. */
    @Override
    public int count(Call.Phase phase) {
        int entries = 0;
        for (String stored : byMember.values()) {
            if (stored.startsWith(phase.name() + SEPARATOR)) {
                entries++;
            }
        }
        return entries / 2;
    }

    /**
     * Removes the calls whose two members are both on instances no longer in the cluster
     * ({@code lost} says which): nobody is left to end them. The two may be on one instance or
     * on two lost together, as one side of a partition sees the other.
     */
    void forgetCallsAmong(Predicate<String> lost) {
        for (var entry : byMember.entrySet()) {
            String[] fields = entry.getValue().split(SEPARATOR);
            if (lost.test(GridMembers.instanceOfStored(fields[CALLER]))
                    && lost.test(GridMembers.instanceOfStored(fields[CALLEE]))) {
                byMember.remove(entry.getKey(), entry.getValue());
            }
        }
    }
}
