package org.callsign.presence;

/**
 * The calls in progress, found from either member. A transition touches both members at
 * once and is atomic in the store behind it; looking a call up for relaying is a plain read.
 * Calls are compared with equals: the same call read twice from a shared store is two objects.
 */
public interface Calls {

    /** What {@link #ring} did. */
    enum RingOutcome { STARTED, SAME_CALL, CALLER_BUSY, CALLEE_BUSY, GONE }

    /** The call {@code member} is in, or null. */
    Call of(Member member);

    /**
     * Starts a ringing call unless either side is in another one. {@code presence} is checked
     * inside the transition: a member whose disconnect already released its name cannot be
     * pulled into a call that nobody would end.
     */
    RingOutcome ring(Member caller, Member callee, Presence presence);

    /**
     * The first answer inside a ringing call connects it; returns the connected call, or null.
     * Usually the callee answers; when both called each other at once (glare) the caller may
     * answer the callee's crossing offer instead, and that too completes the negotiation.
     * {@code expected} is the call the answer was checked against: if that call ended and
     * another began meanwhile, the answer must not connect the new one.
     */
    Call answer(Call expected, Member sender);

    /** Ends the member's call, if any, and returns it. */
    Call end(Member member);

    /**
     * Ends the ringing call {@code expected} if {@code callee} is its callee and it is still
     * current; returns it, or null. A decline never ends a newer call that rang meanwhile.
     */
    Call decline(Call expected, Member callee);

    /** Calls ringing now, for the gauges. */
    int ringing();

    /** Calls connected now, for the gauges. */
    int connected();
}
