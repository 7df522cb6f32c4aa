package org.callsign.signal;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes Tyrus's per-session idle timer off the message path. Tyrus 2.1.5 reschedules that
 * timer on every message received and sent, even when the session has no idle timeout
 * (eclipse-ee4j/tyrus issue 487), and on Payara the scheduler is the managed executor, which
 * captures the caller's context for each task, ServiceLoader scan included: a third of the
 * server's CPU per relayed message when profiled. The server keeps its own liveness clock
 * ({@link Keepalive}) and never sets a Tyrus idle timeout, so for a session whose timeout is 0
 * the timer task does nothing, and scheduling it can be skipped. On any other container, or
 * if Tyrus changes, this does nothing.
 */
final class TyrusIdleTimer {

    private static final Logger LOG = Logger.getLogger(TyrusIdleTimer.class.getName());
    private static final Field SCHEDULER = schedulerField();
    private static final Inert INERT = new Inert();

    private TyrusIdleTimer() {
    }

    /** Makes the session's idle-timer rescheduling free; only for a session without an idle timeout. */
    static void disable(Session session) {
        if (SCHEDULER == null || !SCHEDULER.getDeclaringClass().isInstance(session) || session.getMaxIdleTimeout() > 0) {
            return;
        }
        try {
            SCHEDULER.set(session, INERT);
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.log(Level.FINE, "cannot replace the Tyrus idle timer", e);
        }
    }

    private static Field schedulerField() {
        try {
            Field field = Class.forName("org.glassfish.tyrus.core.TyrusSession").getDeclaredField("service");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "not on Tyrus, or a Tyrus without the per-message idle timer", e);
            return null;
        }
    }

    /**
     * A scheduler that accepts Tyrus's idle-timeout task and drops it: the task only acts on a
     * session with a positive idle timeout, which these sessions never have.
     */
    private static final class Inert extends ScheduledThreadPoolExecutor {

        private static final ScheduledFuture<Object> DROPPED = new Dropped();

        Inert() {
            super(0);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return DROPPED;
        }
    }

    /** The future of a task that was never run and never will be. */
    private static final class Dropped implements ScheduledFuture<Object> {

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
