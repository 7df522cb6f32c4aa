package org.callsign.presence;

/**
 * Where {@link Presence} keeps who holds which name: the name's identity ({@link Name#identity},
 * under which names are unique) to the login holding it. Each method is one atomic step of the
 * store (this instance's memory, or the cluster's data grid); the rules that combine them are
 * {@link Presence}'s alone. The listing reads the names by their folded key ({@link #sorted}).
 */
public interface NameStore {

    /** The login holding the name of {@code identity}, or null. */
    Member get(String identity);

    /** Stores {@code member} under {@code identity} if nobody holds it; whether it did. */
    boolean putIfAbsent(String identity, Member member);

    /**
     * Stores {@code successor} under {@code identity} if {@code holder} still holds it; whether it
     * did. The successor's spelling, and so its key, may differ from the holder's.
     */
    boolean replace(String identity, Member holder, Member successor);

    /** Removes {@code identity} if {@code holder} still holds it; whether it did. */
    boolean remove(String identity, Member holder);

    /** Whether messages can still reach {@code member}'s connection: always here, and in a cluster while its instance is in it. */
    boolean reachable(Member member);

    /**
     * Every held name's key and holder, sorted by key, as of now: counting and listing read it.
     * In a cluster it may trail changes made on other instances by the time an event takes.
     */
    SortedNames sorted();
}
