package org.callsign.signal;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
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
 * (docs/protocol.md rules 1 and 20), and counted against {@code signal.max-sessions} (rule 21)
 * and {@code signal.max-sessions-per-address} (rule 30). The same sweep runs the router's
 * deadlines: calls ringing too long, away users not back (rules 24, 27).
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
    private final QueueBudget queueBudget = new QueueBudget(config.maxQueuedBytesTotal(),
            () -> open.stream().map(Link::outbox).iterator());
    private final AtomicInteger count = new AtomicInteger();
    private final AddressLimit perAddress = new AddressLimit(config.maxSessionsPerAddress());
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

    /** Registers a new link; or, when it cannot be taken, logs why and returns the reason to close it with. */
    CloseCode admit(Link link) {
        if (!accepting) {
            return refused(link, CloseCode.SHUTTING_DOWN);
        }
        InetAddress client = link.client();
        if (client != null && !perAddress.admit(client)) {
            // One line per address a minute: a client hammering the limit must not flood the log.
            if (perAddress.logDue(client, System.nanoTime())) {
                LOG.info(() -> "refused connection " + link.id() + " from " + client.getHostAddress() + ": "
                        + perAddress.perAddress() + " connections from that address are open"
                        + " (logged once a minute per address)");
            }
            return CloseCode.ADDRESS_FULL;
        }
        if (count.incrementAndGet() > config.maxSessions()) {
            count.decrementAndGet();
            release(client);
            return refused(link, CloseCode.SERVER_FULL);
        }
        open.add(link);
        return null;
    }

    private static CloseCode refused(Link link, CloseCode reason) {
        LOG.info(() -> "refused connection " + link.id() + ": " + reason.reason());
        return reason;
    }

    void remove(Link link) {
        if (open.remove(link)) {
            count.decrementAndGet();
            release(link.client());
        }
    }

    private void release(InetAddress client) {
        if (client != null) {
            perAddress.release(client);
        }
    }

    public int openConnections() {
        return count.get();
    }

    /** Distinct client addresses with a connection open (docs/protocol.md rule 30). */
    public int clientAddresses() {
        return perAddress.addresses();
    }

    /** The bytes queued for all open links, bounded together (docs/protocol.md rule 18). */
    QueueBudget queueBudget() {
        return queueBudget;
    }

    /** UTF-8 bytes waiting to be written to all open links. */
    public long queuedBytes() {
        return queueBudget.total();
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
        router.checkDeadlines();
        perAddress.forgetOldRefusals(now);
        lastSweep = now;
    }
}
