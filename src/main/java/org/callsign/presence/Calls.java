package org.callsign.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls in progress, found from either member. A transition touches two members at
 * once, so it runs under one lock; looking a call up for relaying is a plain read.
 */
public final class Calls {

    /** What {@link #ring} did. */
    public enum RingOutcome { STARTED, SAME_CALL, CALLER_BUSY, CALLEE_BUSY, GONE }

    private final Object lock = new Object();
    // +guarded-by lock for writes; both members of a call map to the same Call.
    private final Map<Member, Call> byMember = new ConcurrentHashMap<>();
    // +guarded-by lock for writes; volatile so that gauges can read them any time.
    private volatile int ringing;
    private volatile int connected;

    /** The call {@code member} is in, or null. */
    Call of(Member member) {
        return byMember.get(member);
    }

    /**
     * Starts a ringing call unless either side is in another one. {@code presence} is checked
     * under the lock: a member whose disconnect already released its name cannot be pulled
     * into a call that nobody would end.
     */
    RingOutcome ring(Member caller, Member callee, Presence presence) {
        synchronized (lock) {
            Call current = byMember.get(caller);
            if (current != null) {
                return current.involves(callee) ? RingOutcome.SAME_CALL : RingOutcome.CALLER_BUSY;
            }
            if (byMember.containsKey(callee)) {
                return RingOutcome.CALLEE_BUSY;
            }
            if (!presence.holds(caller) || !presence.holds(callee)) {
                return RingOutcome.GONE;
            }
            Call call = Call.ringing(caller, callee);
            byMember.put(caller, call);
            byMember.put(callee, call);
            ringing++;
            return RingOutcome.STARTED;
        }
    }

    /**
     * The first answer inside a ringing call connects it; returns the connected call, or null.
     * Usually the callee answers; when both called each other at once (glare) the caller may
     * answer the callee's crossing offer instead, and that too completes the negotiation.
     * {@code expected} is the call the answer was checked against: if that call ended and
     * another began meanwhile, the answer must not connect the new one.
     */
    Call answer(Call expected, Member sender) {
        synchronized (lock) {
            Call call = byMember.get(sender);
            if (call != expected || !call.isRinging()) {
                return null;
            }
            Call connected = call.connected();
            byMember.put(call.caller(), connected);
            byMember.put(call.callee(), connected);
            ringing--;
            this.connected++;
            return connected;
        }
    }

    /** Ends the member's call, if any, and returns it. */
    Call end(Member member) {
        synchronized (lock) {
            Call call = byMember.remove(member);
            if (call != null) {
                byMember.remove(call.peerOf(member), call);
                if (call.isRinging()) {
                    ringing--;
                } else {
                    connected--;
                }
            }
            return call;
        }
    }

    /**
     * Ends the ringing call {@code expected} if {@code callee} is its callee and it is still
     * current; returns it, or null. A decline never ends a newer call that rang meanwhile.
     */
    Call decline(Call expected, Member callee) {
        synchronized (lock) {
            Call call = byMember.get(callee);
            if (call != expected || !call.isRinging() || call.callee() != callee) {
                return null;
            }
            return end(callee);
        }
    }

    public int ringing() {
        return ringing;
    }

    public int connected() {
        return connected;
    }
}
