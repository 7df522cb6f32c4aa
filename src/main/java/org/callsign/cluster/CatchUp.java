package org.callsign.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Brings a copy of a data-grid map up to date once and keeps it so: the copy listens to the map
 * first and reads it second, and the changes heard meanwhile are held back and applied after the
 * read. Every change is a set or a removal of one key, and a key's changes arrive in order, so
 * the copy ends as the map is, whatever the read saw before or after each change.
 */
final class CatchUp {

    private final Object replaying = new Object();
    /** Changes heard while the copy is first filled, applied after it; null from then on. */
    // +guarded-by replaying
    private List<Runnable> early = new ArrayList<>();

    /** Starts {@code listening}, then runs {@code read}, then the changes held back meanwhile. */
    void fill(Runnable listening, Runnable read) {
        listening.run();
        read.run();
        synchronized (replaying) {
            early.forEach(Runnable::run);
            early = null;
        }
    }

    /** Applies {@code change} now, or after the first read if that is still under way. */
    void apply(Runnable change) {
        synchronized (replaying) {
            if (early != null) {
                early.add(change);
                return;
            }
        }
        change.run();
    }
}
