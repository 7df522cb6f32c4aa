package org.callsign.cluster;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.callsign.presence.Call;
import org.callsign.presence.CallStore;
import org.callsign.presence.Member;

/**
 * Calls for the whole cluster: member id to its call, both members' entries holding the same
 * call, in one sealed map of the data grid. {@link #locked} locks both members' keys, in one
 * order so that two steps never wait on each other crosswise. A member's lock is freed when it
 * unlocks or when the instance holding it leaves the cluster; the lease bounds any other failure.
 *
 * <p>For relaying, the calls of this instance's logins are also kept here, in memory, fed by the
 * transitions made here and by the map's events for the others: a relayed message reads no grid
 * entry on either side ({@link #current}, {@link #confirms}). The copy also guards those entries:
 * one deleted or forged over while its twin under the peer still holds the call is put back.
 * Who is in a call anywhere, for the busy names of {@code users}, is kept in memory too
 * ({@link InCallIds}, {@link #inCall}).
 */
final class GridCallStore implements CallStore, SealedMap.Changes {

    private static final long LEASE_SECONDS = 10;
    /** How long a call of a login of a lost instance may stay before it is taken for played back. */
    private static final long RECHECK_SECONDS = 5;
    /** A stored call is "PHASE SERIAL CALLER CALLEE", the members as {@link GridMembers} writes them. */
    private static final String SEPARATOR = " ";
    private static final int PHASE = 0;
    private static final int SERIAL = 1;
    private static final int CALLER = 2;
    private static final int CALLEE = 3;

    private final SealedMap byMember;
    private final GridMembers members;
    private final Predicate<String> instanceAlive;
    private final ScheduledExecutorService checks;
    /** The calls of this instance's logins, by member id; no entry: no call. */
    private final Map<String, Call> seenHere = new ConcurrentHashMap<>();
    private final InCallIds inCall = new InCallIds();
    private UUID listening;

    GridCallStore(SealedMap byMember, GridMembers members, Predicate<String> instanceAlive, ScheduledExecutorService checks) {
        this.byMember = byMember;
        this.members = members;
        this.instanceAlive = instanceAlive;
        this.checks = checks;
    }

    @Override
    public Call get(Member member) {
        return decode(byMember.get(member.id()));
    }

    @Override
    public Call current(Member member) {
        if (members.localMember(member.id()) == null) {
            return get(member);
        }
        Call seen = seenHere.get(member.id());
        // A peer whose instance is gone is away, or has just resumed through another instance,
        // which the copy hears of only with the map's event: the map says where it is now.
        return seen != null && !instanceAlive.test(members.instanceOf(seen.peerOf(member))) ? get(member) : seen;
    }

    /** From memory, wherever the member is logged in: see {@link InCallIds}. */
    @Override
    public boolean inCall(Member member) {
        return inCall.contains(member.id());
    }

    /**
     * Whether {@code recipient}, a login here, is in call {@code serial} with {@code senderId}:
     * checked where the recipient is before a relayed offer, answer or candidate is delivered, so
     * that a sender's instance whose copy trails can never reach a former peer. The copy answers
     * when it agrees; otherwise the map does (an offer usually arrives before its call's event).
     */
    boolean confirms(Member recipient, String senderId, long serial) {
        if (isCall(seenHere.get(recipient.id()), recipient, senderId, serial)) {
            return true;
        }
        Call stored = get(recipient);
        if (isCall(stored, recipient, senderId, serial)) {
            seenHere.put(recipient.id(), stored);
            return true;
        }
        return false;
    }

    private static boolean isCall(Call call, Member recipient, String senderId, long serial) {
        return call != null && call.serial() == serial && call.peerOf(recipient).id().equals(senderId);
    }

    @Override
    public void put(Call call) {
        String encoded = encode(call);
        byMember.set(call.caller().id(), encoded);
        byMember.set(call.callee().id(), encoded);
        seeHere(call.caller(), call);
        seeHere(call.callee(), call);
        inCall.inCall(call.caller().id());
        inCall.inCall(call.callee().id());
    }

    @Override
    public void remove(Call call) {
        byMember.delete(call.caller().id());
        byMember.delete(call.callee().id());
        seenHere.remove(call.caller().id());
        seenHere.remove(call.callee().id());
        inCall.free(call.caller().id());
        inCall.free(call.callee().id());
    }

    @Override
    public <T> T locked(Member one, Member other, Supplier<T> step) {
        String first = one.id().compareTo(other.id()) < 0 ? one.id() : other.id();
        String second = first.equals(one.id()) ? other.id() : one.id();
        byMember.lock(first, LEASE_SECONDS);
        try {
            byMember.lock(second, LEASE_SECONDS);
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
        for (SealedMap.Stored stored : byMember.entries()) {
            if (stored.value().startsWith(phase.name() + SEPARATOR)) {
                entries++;
            }
        }
        return entries / 2;
    }

    void startListening() {
        // The map is keyed by member id as it is (its keys are not hidden).
        inCall.fill(() -> listening = byMember.listen(this),
                () -> byMember.entries().stream().map(SealedMap.Stored::storedKey).toList());
    }

    void stopListening() {
        byMember.stopListening(listening);
    }

    @Override
    public void stored(String memberId, String value) {
        inCall.inCall(memberId);
        Call call = decode(value);
        if (members.goneFromHere(call.caller()) || members.goneFromHere(call.callee())) {
            // An authentic entry played back by someone on the grid network, naming a login of
            // this instance that has left: it would keep a live login busy for good.
            checks.execute(() -> byMember.remove(new SealedMap.Stored(memberId, value)));
        } else if (onLostInstance(call)) {
            // The same for a login of an instance that has left the cluster; looked at again a
            // little later, since a merging instance is briefly unknown under its new member id.
            checks.schedule(() -> {
                if (value.equals(byMember.get(memberId)) && onLostInstance(call)) {
                    byMember.remove(new SealedMap.Stored(memberId, value));
                }
            }, RECHECK_SECONDS, TimeUnit.SECONDS);
        } else if (members.localMember(memberId) != null) {
            // An event may arrive after the call it tells of was ended here (events come on their
            // own threads), and must not bring that call back to the copy. An end deletes the
            // entry before it forgets the copy, so reading the entry after writing the copy sees
            // any end that the copy's write may have overtaken.
            seenHere.put(memberId, call);
            if (!value.equals(byMember.get(memberId))) {
                seenHere.remove(memberId, call);
            }
        }
    }

    /** Whether a member of {@code call} is on an instance no longer in the cluster. */
    private boolean onLostInstance(Call call) {
        return !instanceAlive.test(members.instanceOf(call.caller())) || !instanceAlive.test(members.instanceOf(call.callee()));
    }

    @Override
    public void removed(String memberId, String previous) {
        inCall.free(memberId);
        Call seen = seenHere.get(memberId);
        if (seen != null) {
            checks.execute(() -> check(seen, members.localMember(memberId), false));
        }
    }

    @Override
    public void cleared() {
        inCall.clear();
        seenHere.keySet().forEach(this::forged);
    }

    @Override
    public void forged(String memberId) {
        Call seen = seenHere.get(memberId);
        if (seen != null) {
            checks.execute(() -> check(seen, members.localMember(memberId), true));
        }
    }

    /**
     * After this instance's login lost the entry of call {@code seen}: a forgery over it is
     * undone; a deletion is undone if the peer's entry still holds the call, since a call ends
     * with both entries going together under both locks; otherwise the call ended, and the
     * copy forgets it.
     */
    private void check(Call seen, Member mine, boolean forged) {
        if (mine == null) {
            return;
        }
        locked(seen.caller(), seen.callee(), () -> {
            Call stored = get(mine);
            if (stored != null) {
                seenHere.put(mine.id(), stored);
            } else if (forged && seen.equals(seenHere.get(mine.id())) || seen.equals(get(seen.peerOf(mine)))) {
                byMember.set(mine.id(), encode(seen));
            } else {
                seenHere.remove(mine.id(), seen);
            }
            return null;
        });
    }

    private void seeHere(Member member, Call call) {
        if (members.localMember(member.id()) != null) {
            seenHere.put(member.id(), call);
        }
    }

    private String encode(Call call) {
        return call.phase().name() + SEPARATOR + call.serial() + SEPARATOR
                + members.encode(call.caller()) + SEPARATOR + members.encode(call.callee());
    }

    private Call decode(String stored) {
        if (stored == null) {
            return null;
        }
        String[] fields = stored.split(SEPARATOR);
        return new Call(members.decode(fields[CALLER]), members.decode(fields[CALLEE]),
                Call.Phase.valueOf(fields[PHASE]), Long.parseLong(fields[SERIAL]));
    }
}
