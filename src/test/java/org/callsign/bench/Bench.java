package org.callsign.bench;

import java.net.URI;
import java.net.http.HttpClient;

/**
 * What every scenario works with: the client, the server's address and process, the plan, the
 * report. {@code peerUri} is where callees log in: the same server, or another instance of a cluster.
 */
record Bench(HttpClient http, URI uri, URI peerUri, ServerMeter server, Plan plan, Report report) {

    BenchClient login(String name) {
        return Dialog.login(http, uri, name);
    }

    BenchClient loginAsCallee(String name) {
        return Dialog.login(http, peerUri, name);
    }

    /**
     * How many names starting with {@code prefix} are still online once the server has had
     * up to 10 s to process the closes: asked through the protocol's {@code users}.
     */
    int namesLeft(String prefix) throws InterruptedException {
        BenchClient probe = login("probe-" + prefix);
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            int left;
            do {
                left = Wire.total(Dialog.await(probe.request(Wire.users(prefix)), "users reply"));
                if (left != 0) {
                    Thread.sleep(100);
                }
            } while (left != 0 && System.nanoTime() < deadline);
            return left;
        } finally {
            Dialog.await(probe.close(), "close of the probe");
        }
    }

    static double mb(long kb) {
        return kb / 1024.0;
    }
}
