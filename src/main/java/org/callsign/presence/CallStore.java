package org.callsign.presence;

import java.util.function.Supplier;

/**
 * Where {@link Calls} keeps the calls in progress: each call under both of its members. Reads
 * may run any time; writes run only inside {@link #locked}, which makes a step on two members
 * atomic against every other step on either of them. The rules are {@link Calls}' alone.
 */
public interface CallStore {

    /** The call stored under {@code member}, or null. */
    Call get(Member member);

    /**
     * The call {@code member} is in as this instance last saw it, for relaying a message: the
     * store may answer from a copy that trails a change made elsewhere by the time an event
     * takes, where the recipient's side checks again. Transitions read {@link #get}.
     */
    default Call current(Member member) {
        return get(member);
    }

    /**
     * Whether {@code member} is in a call, ringing or connected, as this instance last heard: read
     * for every name a {@code users} reply lists (docs/protocol.md rule 28), so it must answer from
     * memory, never with a read of a shared store per member.
     */
    default boolean inCall(Member member) {
        return current(member) != null;
    }

    /** Stores {@code call} under both its members, replacing what they had. */
    void put(Call call);

    /** Removes {@code call} from both its members. */
    void remove(Call call);

    /** Runs {@code step} with both members' entries locked against other steps. */
    <T> T locked(Member one, Member other, Supplier<T> step);

    /** How many calls are in {@code phase} now, for the gauges. */
    int count(Call.Phase phase);
}
