package org.callsign.presence;

import java.util.List;
import java.util.function.Predicate;

/**
 * A reply to {@code users} (docs/protocol.md rules 23 and 28): at most 100 names in key order,
 * those of them that are busy in the same order, and how many matched.
 */
public record Listing(List<String> names, List<String> busy, int total) {

    public static final int MAX_LISTED = 100;

    /**
     * Lists the names of {@code online} whose key starts with the folded {@code prefix}; {@code busy}
     * is asked about the listed holders only, so it costs as much as the reply, never the match count.
     */
    static Listing of(SortedNames online, String prefix, Predicate<Member> busy) {
        String from = prefix == null ? "" : Name.fold(prefix);
        // In key order come the keys below the prefix, then those starting with it, then the rest:
        // where each run ends is counted in O(log n), so a prefix matching everyone costs no more
        // than one matching nobody, and the reply is already in order.
        int first = online.countWhile(key -> key.compareTo(from) < 0);
        int end = online.countWhile(key -> key.compareTo(from) < 0 || key.startsWith(from));
        List<Member> listed = online.slice(first, Math.min(end - first, MAX_LISTED));
        return new Listing(displayed(listed), displayed(listed.stream().filter(busy).toList()), end - first);
    }

    private static List<String> displayed(List<Member> holders) {
        return holders.stream().map(holder -> holder.name().display()).toList();
    }
}
