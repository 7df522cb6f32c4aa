package org.callsign.cluster;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Creates data-grid objects (maps, topics) on a thread that carries no application context.
 * Payara ties a grid object to the Java EE context of the thread that first creates it, and
 * then sets that context up, a fresh CDI request scope included, around every operation on the
 * object and every event it delivers. Measured here, that set-up cost far more than the
 * operations: without it the cross-instance closed loop relayed 5x as many messages per second
 * (docs/benchmarks.md). Our grid objects only ever hold strings and call back into objects
 * that need no container context, so they are created without one.
 */
final class OutsideApplication {

    private OutsideApplication() {
    }

    static <T> T create(Supplier<T> creation) {
        AtomicReference<T> created = new AtomicReference<>();
        AtomicReference<RuntimeException> failed = new AtomicReference<>();
        // Not inheriting inheritable thread-locals is the point: the container keeps the
        // current application's invocation in one, and a new thread would otherwise copy it.
        Thread thread = new Thread(null, () -> {
            try {
                created.set(creation.get());
            } catch (RuntimeException e) {
                failed.set(e);
            }
        }, "signal-grid-setup", 0, false);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a data-grid object", e);
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        return created.get();
    }
}
