package org.callsign.presence;

import java.time.Duration;

/** The router settings of tests in memory: the server's defaults (docs/protocol.md, configuration keys). */
public final class TestSettings {

    public static final RouterSettings ROUTER = new RouterSettings(Duration.ofSeconds(60), Duration.ofSeconds(20),
            1000, 1 << 20, Duration.ofSeconds(10));

    private TestSettings() {
    }
}
