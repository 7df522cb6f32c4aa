package org.callsign.presence;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Where the router keeps its state: in this instance's memory ({@link #local}), or in a data
 * grid shared by several instances (the cluster package). The rules are the same for both
 * ({@link Presence}, {@link Calls}); only the stores behind them, and how a message reaches a
 * connection, differ.
 */
public interface Registry {

    Presence presence();

    Calls calls();

    /**
     * Hands {@code lost} each member that was logged in on a server instance that has gone
     * (died or left), once per member in a call with someone still here, so the router can end
     * that call. A single instance never loses its members this way and never calls it.
     */
    void onMembersLost(Consumer<Member> lost);

    /**
     * Hands {@code handOver} each login of this instance taken over through another instance with
     * its token (docs/protocol.md rules 24-25), and its successor, so that what this instance held
     * for it follows it there. A single instance resumes its own logins and never calls it.
     */
    void onTakenOver(BiConsumer<Member, Member> handOver);

    /**
     * Runs {@code counted} for each thing from other instances refused because it failed
     * authentication (docs/protocol.md rule 35). Only a clustered registry receives such things.
     */
    void onRejected(Runnable counted);

    /**
     * Whether the store answers: always for this instance's memory; for a data grid, whether
     * its operations complete now (they wait while part of the grid is cut off).
     */
    boolean reachable();

    /** Stops listening to the store; the state in it is left to the other instances. */
    void close();

    static Registry local() {
        return new Local(new Presence(new LocalNameStore()), new Calls(new LocalCallStore()));
    }

    /** One instance's registry: all in memory. */
    record Local(Presence presence, Calls calls) implements Registry {

        @Override
        public void onMembersLost(Consumer<Member> lost) {
            // Members live and die with this instance; nothing else can lose them.
        }

        @Override
        public void onTakenOver(BiConsumer<Member, Member> handOver) {
            // Every takeover happens here, in the router itself.
        }

        @Override
        public void onRejected(Runnable counted) {
            // Nothing reaches a single instance from others.
        }

        @Override
        public boolean reachable() {
            return true;
        }

        @Override
        public void close() {
            // Memory only: nothing to let go of.
        }
    }
}
