package org.callsign.presence;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An immutable sorted map from name key to the login holding it, which counts as fast as it
 * finds: every node knows how many entries its subtree holds, so how many keys come before a
 * point, and the entries from the n-th on, take O(log n) steps instead of a walk over them
 * (the {@code users} listing counts every match, docs/protocol.md rule 23).
 *
 * <p>A change returns a new map sharing all but the O(log n) nodes on the changed path, so a
 * store swaps its current map atomically and readers list from a consistent snapshot without a
 * lock. The tree is weight-balanced (Adams; the parameters of Haskell's Data.Map, delta 3 and
 * ratio 2): its depth stays logarithmic whatever order names arrive in, so no choice of names
 * can make it slow.
 */
public final class SortedNames {

    public static final SortedNames EMPTY = new SortedNames(null);

    /** A subtree is out of balance when one side holds more than DELTA times the other. */
    private static final int DELTA = 3;
    /** Decides between a single and a double rotation when restoring balance. */
    private static final int RATIO = 2;

    private record Node(String key, Member holder, Node left, Node right, int size) {
    }

    private final Node root;

    private SortedNames(Node root) {
        this.root = root;
    }

    /** The map of {@code holders}, each under its name's key; a later holder of a key wins. */
    public static SortedNames of(Iterable<Member> holders) {
        SortedNames names = EMPTY;
        for (Member holder : holders) {
            names = names.with(holder.name().key(), holder);
        }
        return names;
    }

    public int size() {
        return size(root);
    }

    /** The holder of {@code key}, or null. */
    public Member get(String key) {
        Node node = root;
        while (node != null) {
            int order = key.compareTo(node.key);
            if (order == 0) {
                return node.holder;
            }
            node = order < 0 ? node.left : node.right;
        }
        return null;
    }

    /** This map with {@code key} held by {@code holder}, whoever held it before. */
    public SortedNames with(String key, Member holder) {
        return new SortedNames(insert(root, key, holder));
    }

    /** This map without {@code key}. */
    public SortedNames without(String key) {
        return get(key) == null ? this : new SortedNames(delete(root, key));
    }

    /**
     * How many keys, in order, pass {@code before} until the first that does not. The test must
     * hold for a leading run of the keys and for none after it (like "less than x"); then this is
     * where the run ends, found in O(log n) tests.
     */
    public int countWhile(Predicate<String> before) {
        int count = 0;
        Node node = root;
        while (node != null) {
            if (before.test(node.key)) {
                count += size(node.left) + 1;
                node = node.right;
            } else {
                node = node.left;
            }
        }
        return count;
    }

    /** The holders of up to {@code count} keys in order, starting with the key at position {@code from} (0 is the first). */
    public List<Member> slice(int from, int count) {
        List<Member> holders = new ArrayList<>(Math.max(0, Math.min(count, size() - from)));
        collect(root, from, holders, count);
        return holders;
    }

    /** Appends, in order, the holders of {@code node}'s subtree from its {@code skip}-th key on until {@code holders} has {@code limit}. */
    private static void collect(Node node, int skip, List<Member> holders, int limit) {
        if (node == null || holders.size() >= limit) {
            return;
        }
        int leftSize = size(node.left);
        if (skip < leftSize) {
            collect(node.left, skip, holders, limit);
        }
        if (skip <= leftSize && holders.size() < limit) {
            holders.add(node.holder);
        }
        collect(node.right, Math.max(0, skip - leftSize - 1), holders, limit);
    }

    /** How deep the tree is: the balance keeps it within about 2.5 log2(size) + 1. */
    int height() {
        return height(root);
    }

    private static int height(Node node) {
        return node == null ? 0 : 1 + Math.max(height(node.left), height(node.right));
    }

    private static int size(Node node) {
        return node == null ? 0 : node.size;
    }

    private static Node node(String key, Member holder, Node left, Node right) {
        return new Node(key, holder, left, right, size(left) + size(right) + 1);
    }

    private static Node insert(Node node, String key, Member holder) {
        if (node == null) {
            return node(key, holder, null, null);
        }
        int order = key.compareTo(node.key);
        if (order == 0) {
            return node(key, holder, node.left, node.right);
        }
        return order < 0
                ? balance(node.key, node.holder, insert(node.left, key, holder), node.right)
                : balance(node.key, node.holder, node.left, insert(node.right, key, holder));
    }

    /** Deletes {@code key}, which the subtree holds. */
    private static Node delete(Node node, String key) {
        int order = key.compareTo(node.key);
        if (order < 0) {
            return balance(node.key, node.holder, delete(node.left, key), node.right);
        }
        if (order > 0) {
            return balance(node.key, node.holder, node.left, delete(node.right, key));
        }
        return glue(node.left, node.right);
    }

    /** Joins two balanced subtrees whose keys are all in order and whose sizes were balanced around a removed node. */
    private static Node glue(Node left, Node right) {
        if (left == null) {
            return right;
        }
        if (right == null) {
            return left;
        }
        // The replacement comes from the larger side, which keeps the two sides in balance.
        if (left.size > right.size) {
            Node last = last(left);
            return balance(last.key, last.holder, delete(left, last.key), right);
        }
        Node first = first(right);
        return balance(first.key, first.holder, left, delete(right, first.key));
    }

    private static Node first(Node node) {
        return node.left == null ? node : first(node.left);
    }

    private static Node last(Node node) {
        return node.right == null ? node : last(node.right);
    }

    /** A node over {@code left} and {@code right}, rotated if one of them grew or shrank by one entry out of balance. */
    private static Node balance(String key, Member holder, Node left, Node right) {
        int leftSize = size(left);
        int rightSize = size(right);
        if (leftSize + rightSize <= 1) {
            return node(key, holder, left, right);
        }
        if (rightSize > DELTA * leftSize) {
            return size(right.left) < RATIO * size(right.right)
                    ? node(right.key, right.holder, node(key, holder, left, right.left), right.right)
                    : node(right.left.key, right.left.holder, node(key, holder, left, right.left.left),
                            node(right.key, right.holder, right.left.right, right.right));
        }
        if (leftSize > DELTA * rightSize) {
            return size(left.right) < RATIO * size(left.left)
                    ? node(left.key, left.holder, left.left, node(key, holder, left.right, right))
                    : node(left.right.key, left.right.holder, node(left.key, left.holder, left.left, left.right.left),
                            node(key, holder, left.right.right, right));
        }
        return node(key, holder, left, right);
    }
}
