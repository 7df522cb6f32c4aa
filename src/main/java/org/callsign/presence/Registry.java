package org.callsign.presence;

import java.time.Duration;
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
     * What happens to the logins of a server instance that has gone (died, or stopped: see
     * {@link #outlivesThisInstance}), once for the whole cluster, on one surviving instance: each
     * is handed to {@code away} as soon as the loss is known, and those still holding their name
     * {@code window} after the loss (not resumed elsewhere with their token) to {@code expired}.
     * With a zero window only {@code expired} is called, at once. A single instance never loses
     * its members this way and never calls either.
     */
    void onMembersLost(Duration window, Consumer<Member> away, Consumer<Member> expired);

    /**
     * Whether this instance's logins outlive it when it stops: in a cluster the other instances
     * keep their names and calls for a resume (docs/protocol.md rule 12), as they do for an
     * instance that dies; a single instance takes everything with it, so it frees them at once.
     */
    boolean outlivesThisInstance();

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
        public void onMembersLost(Duration window, Consumer<Member> away, Consumer<Member> expired) {
            // Members live and die with this instance; nothing else can lose them.
        }

        @Override
        public boolean outlivesThisInstance() {
            return false;
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
