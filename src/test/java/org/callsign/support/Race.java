package org.callsign.support;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Starts actions at the same moment on a pool's threads, to make races happen instead of hoping. */
public final class Race {

    private Race() {
    }

    /** Runs every action on its own thread of {@code pool}, all released at once, and waits for all. */
    public static void run(ExecutorService pool, List<Runnable> actions) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = actions.stream().<Future<?>>map(action -> pool.submit(() -> {
            start.await();
            action.run();
            return null;
        })).toList();
        start.countDown();
        for (Future<?> done : running) {
            done.get(30, TimeUnit.SECONDS);
        }
    }
}
