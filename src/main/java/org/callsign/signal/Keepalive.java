package org.callsign.signal;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.callsign.config.SignalConfig;
import org.callsign.message.CloseCode;
import org.callsign.presence.Router;

/**
 * Every open link, swept once a second for login deadlines, idle connections and due pings
 * (docs/protocol.md rules 1 and 20), and counted against {@code signal.max-sessions} (rule 21).
 * The same sweep runs the router's deadlines: calls ringing too long, away users not back (rules 24, 27).
 * Connections are accepted from application start until shutdown.
 * One sweep for all links instead of a timer per link keeps idle connections cheap.
 */
@ApplicationScoped
public class Keepalive {

    private static final Logger LOG = Logger.getLogger(Keepalive.class.getName());

    private final SignalConfig config = SignalConfig.current();

    @Resource
    ManagedScheduledExecutorService managedScheduler;

    @Inject
    Router router;

    /** The sweep's own thread, where the container injects no scheduler (GlassFish Embedded 7). */
    private ScheduledExecutorService ownScheduler;

    private final Set<Link> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private volatile boolean accepting;
    private volatile long lastSweep = System.nanoTime();
    private ScheduledFuture<?> sweeping;

    /** Starts with the application, so that health reflects it before the first connection. */
    void start(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        ScheduledExecutorService scheduler = managedScheduler;
        if (scheduler == null) {
            LOG.info("no managed scheduled executor injected: the keepalive sweep runs on its own thread");
            ownScheduler = Executors.newSingleThreadScheduledExecutor(sweep -> {
                Thread thread = new Thread(sweep, "signal-keepalive");
                thread.setDaemon(true);
                return thread;
            });
            scheduler = ownScheduler;
        }
        sweeping = scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        accepting = true;
    }

    /** Clean shutdown: every client hears 1001 and can reconnect elsewhere. */
    @PreDestroy
    void stop() {
        accepting = false;
        if (sweeping != null) {
            sweeping.cancel(false);
        }
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
        open.forEach(link -> link.outbox().close(CloseCode.SHUTTING_DOWN));
    }

    /** Registers a new link; or, when it cannot be taken, the reason to close it with. */
    CloseCode admit(Link link) {
        if (!accepting) {
            return CloseCode.SHUTTING_DOWN;
        }
        if (count.incrementAndGet() > config.maxSessions()) {
            count.decrementAndGet();
            return CloseCode.SERVER_FULL;
        }
        open.add(link);
        return null;
    }

    void remove(Link link) {
        if (open.remove(link)) {
            count.decrementAndGet();
        }
    }

    public int openConnections() {
        return count.get();
    }

    public boolean isAccepting() {
        return accepting;
    }

    /** Whether the sweep has run within {@code seconds}: a stuck sweep means stuck deadlines. */
    public boolean sweptWithin(long seconds) {
        return System.nanoTime() - lastSweep < TimeUnit.SECONDS.toNanos(seconds);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Link link : open) {
            link.check(now, config);
        }
        router.checkDeadlines(now);
        lastSweep = now;
    }
}
