package org.callsign.support;

import java.util.concurrent.atomic.AtomicInteger;

/** User names no other test in this JVM uses, so tests sharing a server cannot see each other's users. */
public final class UniqueNames {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private UniqueNames() {
    }

    public static String of(String base) {
        return base + NEXT.incrementAndGet();
    }
}
