package org.callsign.presence;

import java.util.function.Predicate;

/**
 * Who is online (docs/protocol.md rules 3 and 5), over a {@link NameStore}. Every change is one
 * atomic step of the store, so racing logins for one name have exactly one winner, wherever
 * they connected.
 */
public final class Presence {

    private final NameStore store;

    public Presence(NameStore store) {
        this.store = store;
    }

    /** Claims the member's name if nobody holds it. */
    public boolean claim(Member member) {
        return store.putIfAbsent(member.name().identity(), member);
    }

    /**
     * Gives the name to {@code successor} if {@code token} is the holder's token; the successor
     * may spell it differently (another case, a look-alike), and its spelling is shown from then
     * on. Returns the
     * Member replaced, or null if the token does not match, nobody holds the name, or the holder
     * changed meanwhile.
     */
    public Member takeOver(String token, Member successor) {
        String identity = successor.name().identity();
        Member holder = store.get(identity);
        if (holder == null || !Tokens.matches(holder.id(), token)) {
            return null;
        }
        return store.replace(identity, holder, successor) ? holder : null;
    }

    /**
     * Frees the member's name if it still holds it; whether it did. Only the holder's own release
     * counts: after a takeover or a resume the name belongs to a newer login, which must survive
     * this one's close.
     */
    public boolean release(Member member) {
        return store.remove(member.name().identity(), member);
    }

    /** The member holding {@code name}, or null. */
    public Member find(Name name) {
        return store.get(name.identity());
    }

    /**
     * The member holding the name {@code spelling} is the same as (ignoring case and
     * look-alikes), or null. It need not be a valid name: "аlice" with a Cyrillic 'а', which
     * nobody may log in as, still means alice.
     */
    public Member named(String spelling) {
        return store.get(Name.identityOf(spelling));
    }

    /** Holds its name and can be reached: a member that cannot may not be pulled into a call. */
    public boolean holds(Member member) {
        return member.equals(store.get(member.name().identity())) && reachable(member);
    }

    /** Whether messages can reach the member's connection: not when the instance that had it is gone. */
    public boolean reachable(Member member) {
        return store.reachable(member);
    }

    /** How many names are held. */
    public int size() {
        return store.sorted().size();
    }

    /**
     * Names starting with {@code prefix} ignoring case, in key order, at most {@value Listing#MAX_LISTED},
     * those of them whose holder is {@code busy}, and the count.
     */
    public Listing list(String prefix, Predicate<Member> busy) {
        return Listing.of(store.sorted(), prefix, busy);
    }
}
