package org.callsign.presence;

import java.util.function.UnaryOperator;

/**
 * The call rules (docs/protocol.md rules 7-11) over a {@link CallStore}: one call per member,
 * found from either member. Each transition locks both members in the store, rereads, checks
 * and writes, so it is atomic wherever the store keeps its calls; looking a call up for
 * relaying is a plain read. Calls are compared with equals: the same call read twice from a
 * shared store is two objects.
 */
public final class Calls {

    /** What {@link #ring} did. */
    public enum RingOutcome { STARTED, SAME_CALL, CALLER_BUSY, CALLEE_BUSY, GONE }

    private final CallStore store;

    public Calls(CallStore store) {
        this.store = store;
    }

    /** The call {@code member} is in, or null, as this instance last saw it (see {@link CallStore#current}). */
    public Call of(Member member) {
        return store.current(member);
    }

    /** The call {@code member} is in, or null, as the store holds it now: a read of the data grid in a cluster. */
    public Call stored(Member member) {
        return store.get(member);
    }

    /** Whether {@code member} is in a call as this instance last heard, without reading the data grid (see {@link CallStore#inCall}). */
    public boolean inCall(Member member) {
        return store.inCall(member);
    }

    /**
     * Starts a ringing call unless either side is in another one. {@code presence} is checked
     * inside the transition: a member whose disconnect already released its name cannot be
     * pulled into a call that nobody would end.
     */
    public RingOutcome ring(Member caller, Member callee, Presence presence) {
        return store.locked(caller, callee, () -> {
            Call current = store.get(caller);
            if (current != null) {
                return current.involves(callee) ? RingOutcome.SAME_CALL : RingOutcome.CALLER_BUSY;
            }
            if (store.get(callee) != null) {
                return RingOutcome.CALLEE_BUSY;
            }
            if (!presence.holds(caller) || !presence.holds(callee)) {
                return RingOutcome.GONE;
            }
            store.put(Call.ringing(caller, callee));
            return RingOutcome.STARTED;
        });
    }

    /**
     * The first answer inside a ringing call connects it; returns the connected call, or null.
     * Usually the callee answers; when both called each other at once (glare) the caller may
     * answer the callee's crossing offer instead, and that too completes the negotiation.
     * {@code expected} is the call the answer was checked against: if that call ended and
     * another began meanwhile, the answer must not connect the new one.
     */
    public Call answer(Call expected, Member sender) {
        return store.locked(expected.caller(), expected.callee(), () -> {
            Call call = store.get(sender);
            if (!expected.equals(call) || !call.isRinging()) {
                return null;
            }
            Call connected = call.connected();
            store.put(connected);
            return connected;
        });
    }

    /** Ends the member's call, if any, and returns it. */
    public Call end(Member member) {
        return onCurrentCall(member, call -> {
            store.remove(call);
            return call;
        });
    }

    /**
     * Moves {@code old}'s call, if any, to {@code successor}, the login that resumed it (rules
     * 24-25): same peer, phase and serial. Returns the call as it is now, or null if there was none.
     */
    public Call transfer(Member old, Member successor) {
        return onCurrentCall(old, call -> {
            Call resumed = call.replacing(old, successor);
            store.remove(call);
            store.put(resumed);
            return resumed;
        });
    }

    /**
     * Ends the ringing call {@code expected} if {@code callee} is its callee and it is still
     * current; returns it, or null. A decline never ends a newer call that rang meanwhile.
     */
    public Call decline(Call expected, Member callee) {
        if (!expected.isRinging() || !expected.callee().equals(callee)) {
            return null;
        }
        return store.locked(expected.caller(), expected.callee(), () -> removeIfCurrent(expected, callee));
    }

    /** Ends {@code ringing} if it is still current and still ringing; returns it, or null. */
    public Call expire(Call ringing) {
        return store.locked(ringing.caller(), ringing.callee(), () -> removeIfCurrent(ringing, ringing.caller()));
    }

    /** Calls ringing now, for the gauges. */
    public int ringing() {
        return store.count(Call.Phase.RINGING);
    }

    /** Calls connected now, for the gauges. */
    public int connected() {
        return store.count(Call.Phase.CONNECTED);
    }

    /**
     * Runs {@code step} on {@code member}'s call with both members locked, if the call is still
     * the one read before locking; otherwise reads again. Returns what the step returned, or null
     * if the member has no call.
     */
    private Call onCurrentCall(Member member, UnaryOperator<Call> step) {
        while (true) {
            Call seen = store.get(member);
            if (seen == null) {
                return null;
            }
            Call done = store.locked(seen.caller(), seen.callee(),
                    () -> seen.equals(store.get(member)) ? step.apply(seen) : null);
            if (done != null) {
                return done;
            }
            // The call changed between the look and the lock (answered or ended): look again.
        }
    }

    /** Removes {@code call} if it is still {@code member}'s call, as it was read; must run locked. */
    private Call removeIfCurrent(Call call, Member member) {
        if (!call.equals(store.get(member))) {
            return null;
        }
        store.remove(call);
        return call;
    }
}
