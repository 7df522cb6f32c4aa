package org.callsign.signal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.callsign.message.CloseCode;

/**
 * The UTF-8 bytes queued for all connections together, against {@code signal.max-queued-bytes-total}
 * (docs/protocol.md rule 18). Each queue is capped on its own too; this stops many queues each
 * under their cap from filling the heap together. Counting is one atomic add per message; only
 * when the total passes the budget are the queues scanned, and the largest is closed.
 */
final class QueueBudget {

    private static final Logger LOG = Logger.getLogger(QueueBudget.class.getName());

    private final long limit;
    private final Iterable<SessionOutbox> outboxes;
    private final AtomicLong total = new AtomicLong();
    /** One scan at a time: while one thread closes the largest queue, others need not look too. */
    private final AtomicBoolean scanning = new AtomicBoolean();

    /** {@code outboxes}: every open connection's, walked only when over budget. */
    QueueBudget(long limit, Iterable<SessionOutbox> outboxes) {
        this.limit = limit;
        this.outboxes = outboxes;
    }

    /** Counts bytes just queued; past the budget, closes the connection with the largest queue. */
    void add(long bytes) {
        if (total.addAndGet(bytes) > limit) {
            closeLargest();
        }
    }

    /** Counts bytes that left a queue: written, or dropped with a closed connection. */
    void release(long bytes) {
        if (bytes != 0) {
            total.addAndGet(-bytes);
        }
    }

    long total() {
        return total.get();
    }

    private void closeLargest() {
        if (!scanning.compareAndSet(false, true)) {
            return;
        }
        try {
            SessionOutbox largest = null;
            long most = 0;
            for (SessionOutbox outbox : outboxes) {
                long queued = outbox.queuedBytes();
                if (queued > most) {
                    most = queued;
                    largest = outbox;
                }
            }
            long all = total.get();
            if (largest != null && all > limit && largest.close(CloseCode.QUEUE_BUDGET)) {
                LOG.info("closed connection " + largest.id() + ": largest outgoing queue (" + most
                        + " bytes) while all queues held " + all + " bytes, over the budget of " + limit);
            }
        } finally {
            scanning.set(false);
        }
    }
}
