package org.callsign.cluster;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * What came from the data grid and failed authentication (docs/protocol.md rule 35): counted for
 * {@code signal_cluster_rejected_total}, and logged once per source, so that a forger sending a
 * million frames writes one line, not a million.
 */
final class Rejections {

    private static final Logger LOG = Logger.getLogger(Rejections.class.getName());
    /** Sources remembered for the once-per-source warning; past this, every new source is counted only. */
    private static final int MAX_SOURCES_REMEMBERED = 1000;

    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile Runnable counted = () -> { };

    /** Drops {@code what}, which came from {@code source} and failed authentication. */
    void reject(String source, String what) {
        counted.run();
        if (warned.size() < MAX_SOURCES_REMEMBERED && warned.add(source)) {
            LOG.warning(() -> "cluster: rejected " + what + " from " + source + ": it failed authentication, so it "
                    + "was written by something without this cluster's signal.cluster.secret (another deployment, or an "
                    + "intruder on the grid network). Dropped; later rejections from there are only counted "
                    + "(signal_cluster_rejected_total)");
        }
    }

    /** Runs {@code counted} once per rejection from now on (the metric's counter). */
    void onRejected(Runnable counted) {
        this.counted = counted;
    }
}
