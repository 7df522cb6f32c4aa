package org.callsign.signal;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.callsign.message.CloseCode;

/**
 * Every open link, swept once a second for login deadlines, idle connections and due pings
 * (PROTOCOL.md rules 1 and 20), and counted against {@code signal.max-sessions} (rule 21).
 * One sweep for all links instead of a timer per link keeps idle connections cheap.
 */
@ApplicationScoped
public class Keepalive {

    @Inject
    SignalConfig config;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Set<Link> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger count = new AtomicInteger();
    private ScheduledFuture<?> sweeping;

    @PostConstruct
    void start() {
        sweeping = scheduler.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /** Clean shutdown: every client hears 1001 and can reconnect elsewhere. */
    @PreDestroy
    void stop() {
        sweeping.cancel(false);
        open.forEach(link -> link.outbox().close(CloseCode.SHUTTING_DOWN));
    }

    /** Registers a new link; false if the server is full. */
    boolean admit(Link link) {
        if (count.incrementAndGet() > config.maxSessions()) {
            count.decrementAndGet();
            return false;
        }
        open.add(link);
        return true;
    }

    void remove(Link link) {
        if (open.remove(link)) {
            count.decrementAndGet();
        }
    }

    public int openConnections() {
        return count.get();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Link link : open) {
            link.check(now, config);
        }
    }
}
