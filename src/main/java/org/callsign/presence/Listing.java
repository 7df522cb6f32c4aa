package org.callsign.presence;

import java.util.List;

/** A reply to {@code users} (docs/protocol.md rule 23): at most 100 names in key order, and how many matched. */
public record Listing(List<String> names, int total) {

    public static final int MAX_LISTED = 100;

    /** Lists the names of {@code online} whose key starts with the folded {@code prefix}. */
    static Listing of(SortedNames online, String prefix) {
        String from = prefix == null ? "" : Name.fold(prefix);
        // In key order come the keys below the prefix, then those starting with it, then the rest:
        // where each run ends is counted in O(log n), so a prefix matching everyone costs no more
        // than one matching nobody, and the reply is already in order.
        int first = online.countWhile(key -> key.compareTo(from) < 0);
        int end = online.countWhile(key -> key.compareTo(from) < 0 || key.startsWith(from));
        List<String> names = online.slice(first, Math.min(end - first, MAX_LISTED)).stream()
                .map(holder -> holder.name().display()).toList();
        return new Listing(names, end - first);
    }
}
