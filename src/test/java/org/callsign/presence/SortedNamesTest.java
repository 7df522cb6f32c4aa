package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SortedNamesTest {

    private static Member member(String name) {
        return new Member(Name.parse(name).orElseThrow(), Tokens.newToken(), new RecordingOutbox());
    }

    /** What the tree must answer, read off a TreeMap the slow way. */
    private static void assertSameAs(TreeMap<String, Member> expected, SortedNames actual, Random random) {
        assertEquals(expected.size(), actual.size());
        List<Member> all = new ArrayList<>(expected.values());
        assertEquals(all, actual.slice(0, Integer.MAX_VALUE));
        for (int probe = 0; probe < 20; probe++) {
            String key = randomKey(random);
            assertEquals(expected.get(key), actual.get(key), key);
            assertEquals(expected.headMap(key, false).size(), actual.countWhile(k -> k.compareTo(key) < 0), key);
            int from = random.nextInt(expected.size() + 2);
            int count = random.nextInt(120);
            assertEquals(all.subList(Math.min(from, all.size()), Math.min(from + count, all.size())),
                    actual.slice(from, count), () -> "slice " + from + " " + count);
        }
    }

    /** Keys from a small alphabet, so that puts hit existing keys and prefixes share runs. */
    private static String randomKey(Random random) {
        StringBuilder key = new StringBuilder();
        int length = 1 + random.nextInt(4);
        for (int i = 0; i < length; i++) {
            key.append("abcdé".charAt(random.nextInt(5)));
        }
        return key.toString();
    }

    @Test
    void randomPutsAndRemovesAnswerAsATreeMapDoes() {
        Random random = new Random(14);
        TreeMap<String, Member> expected = new TreeMap<>();
        SortedNames actual = SortedNames.EMPTY;
        for (int step = 0; step < 5_000; step++) {
            String key = randomKey(random);
            SortedNames before = actual;
            if (random.nextInt(3) == 0) {
                expected.remove(key);
                actual = actual.without(key);
            } else {
                Member holder = member(key);
                expected.put(key, holder);
                actual = actual.with(key, holder);
            }
            assertTrue(actual.height() <= maxHeight(actual.size()), () -> "height " + before.height() + " for " + expected.size());
            if (step % 50 == 0) {
                assertSameAs(expected, actual, random);
            }
        }
        assertSameAs(expected, actual, random);
    }

    @Test
    void aChangeLeavesTheMapItStartedFromAsItWas() {
        SortedNames one = SortedNames.EMPTY.with("alice", member("alice"));
        SortedNames two = one.with("bob", member("bob"));

        SortedNames none = two.without("alice").without("bob");

        assertEquals(1, one.size());
        assertEquals(2, two.size());
        assertEquals(0, none.size());
        assertNull(one.get("bob"));
        assertSame(two, two.without("carol"), "removing what is not there changes nothing");
    }

    /** Names arriving in order are the worst case of an unbalanced tree: this one stays logarithmic. */
    @Test
    void namesInOrderOrReverseOrderKeepTheTreeShallow() {
        SortedNames ascending = SortedNames.EMPTY;
        SortedNames descending = SortedNames.EMPTY;
        int size = 100_000;
        for (int i = 0; i < size; i++) {
            String up = String.format("user%06d", i);
            String down = String.format("user%06d", size - i);
            ascending = ascending.with(up, member(up));
            descending = descending.with(down, member(down));
        }
        for (int i = 0; i < size; i += 2) {
            ascending = ascending.without(String.format("user%06d", i));
        }

        assertTrue(ascending.height() <= maxHeight(ascending.size()), "height " + ascending.height());
        assertTrue(descending.height() <= maxHeight(descending.size()), "height " + descending.height());
        assertEquals(size / 2, ascending.size());
        assertEquals(size, descending.size());
    }

    @Test
    void aMapOfHoldersKeysEachByItsFoldedName() {
        Member alice = member("Alice");
        Member bob = member("BOB");

        SortedNames names = SortedNames.of(List.of(bob, alice));

        assertEquals(List.of(alice, bob), names.slice(0, 10));
        assertSame(bob, names.get("bob"));
    }

    /** A weight-balanced tree with delta 3 is at most log base 4/3 of its size deep, plus one. */
    private static int maxHeight(int size) {
        return size == 0 ? 0 : 1 + (int) Math.floor(Math.log(size + 1) / Math.log(4.0 / 3.0));
    }

    @Test
    void countWhileFindsTheEndOfALeadingRun() {
        SortedNames names = SortedNames.EMPTY;
        for (String key : List.of("al", "ala", "alb", "alz", "am", "b")) {
            names = names.with(key, member(key));
        }
        Map<String, Integer> runEnds = Map.of("", 6, "a", 5, "al", 4, "ala", 2, "alc", 3, "b", 6, "c", 6);
        for (Map.Entry<String, Integer> prefix : runEnds.entrySet()) {
            String from = prefix.getKey();
            assertEquals(prefix.getValue(), names.countWhile(k -> k.compareTo(from) < 0 || k.startsWith(from)), from);
        }
    }
}
