package org.callsign.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/** A reply to {@code users} (docs/protocol.md rule 23): at most 100 names in key order, and how many matched. */
public record Listing(List<String> names, int total) {

    public static final int MAX_LISTED = 100;

    /** Lists the entries of {@code byKey} whose key starts with the folded {@code prefix}. */
    static Listing of(NavigableMap<String, Member> byKey, String prefix) {
        String from = prefix == null ? "" : Name.fold(prefix);
        // Sorted by key, so a prefix search is a range scan and the reply is already in order.
        List<String> names = new ArrayList<>();
        int total = 0;
        for (Map.Entry<String, Member> entry : byKey.tailMap(from, true).entrySet()) {
            if (!entry.getKey().startsWith(from)) {
                break;
            }
            if (names.size() < MAX_LISTED) {
                names.add(entry.getValue().name().display());
            }
            total++;
        }
        return new Listing(names, total);
    }
}
