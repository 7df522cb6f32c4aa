package org.callsign.presence;

/**
 * Who is online, by folded name key. Every change is one atomic step of the store behind it,
 * so racing logins for one name have exactly one winner, wherever they connected.
 */
public interface Presence {

    /** Claims the member's name if nobody holds it. */
    boolean claim(Member member);

    /**
     * Gives the name to {@code successor} if {@code token} is the holder's token. Returns the
     * Member replaced, or null if the token does not match (or nobody holds the name).
     */
    Member takeOver(String token, Member successor);

    /**
     * Frees the member's name if it still holds it. Only the holder's own release counts:
     * after a takeover the name belongs to a newer login, which must survive this one's close.
     */
    void release(Member member);

    /** The member holding {@code name}, or null. */
    Member find(Name name);

    boolean holds(Member member);

    /** How many names are held. */
    int size();

    /** Whether {@code token} is the takeover token of {@code holder}'s login. */
    static boolean tokenMatches(Member holder, String token) {
        return Tokens.matches(holder.id(), token);
    }

    /** Names starting with {@code prefix} ignoring case, in key order, at most {@value Listing#MAX_LISTED}, and the count. */
    Listing list(String prefix);
}
