package org.callsign.presence;

import java.util.NavigableMap;

/**
 * Where {@link Presence} keeps who holds which name: folded name key to the login holding it.
 * Each method is one atomic step of the store (this instance's memory, or the cluster's data
 * grid); the rules that combine them are {@link Presence}'s alone.
 */
public interface NameStore {

    /** The login holding {@code key}, or null. */
    Member get(String key);

    /** Stores {@code member} under {@code key} if nobody holds it; whether it did. */
    boolean putIfAbsent(String key, Member member);

    /** Stores {@code successor} under {@code key} if {@code holder} still holds it; whether it did. */
    boolean replace(String key, Member holder, Member successor);

    /** Removes {@code key} if {@code holder} still holds it; whether it did. */
    boolean remove(String key, Member holder);

    /** Whether messages can still reach {@code member}'s connection: always here, and in a cluster while its instance is in it. */
    boolean reachable(Member member);

    /**
     * Every held name's key and holder, sorted by key, read-only: counting and listing read it.
     * In a cluster it may trail changes made on other instances by the time an event takes.
     */
    NavigableMap<String, Member> sorted();
}
