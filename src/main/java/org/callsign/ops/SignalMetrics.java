package org.callsign.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.callsign.message.CloseCode;
import org.callsign.message.ErrorCode;
import org.callsign.message.Forwarded;
import org.callsign.message.Outgoing;
import org.callsign.message.ServerMessage.ErrorReply;
import org.callsign.message.ServerMessage.LoginRefused;
import org.callsign.message.ServerMessage.RelayedAnswer;
import org.callsign.message.ServerMessage.RelayedCandidate;
import org.callsign.message.ServerMessage.RelayedOffer;
import org.callsign.presence.Router;
import org.callsign.signal.Keepalive;
import org.callsign.signal.SignalEvents;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The server's MicroProfile Metrics (Prometheus text at {@code /metrics}, with the label
 * {@code mp_scope="application"}): gauges of what is open now, counters of what was sent and closed.
 * Every counter is registered up front, so the hot path only increments.
 */
@ApplicationScoped
public class SignalMetrics implements SignalEvents {

    @Inject
    MetricRegistry registry;

    @Inject
    Router router;

    @Inject
    Keepalive keepalive;

    private final Map<Class<?>, Counter> relayedByType = new HashMap<>();
    private final Map<String, Counter> errorsByCode = new HashMap<>();
    private final Map<CloseCode, Counter> closesByReason = new EnumMap<>(CloseCode.class);
    private Counter closedByClient;

    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        registry.gauge("signal_connections_open", keepalive, Keepalive::openConnections);
        registry.gauge("signal_client_addresses", keepalive, Keepalive::clientAddresses);
        registry.gauge("signal_queued_bytes", keepalive, Keepalive::queuedBytes);
        registry.gauge("signal_users_online", router, Router::online);
        registry.gauge("signal_calls", router, Router::callsRinging, new Tag("state", "ringing"));
        registry.gauge("signal_calls", router, Router::callsConnected, new Tag("state", "connected"));

        relayedByType.put(RelayedOffer.class, relayed("offer"));
        relayedByType.put(RelayedAnswer.class, relayed("answer"));
        relayedByType.put(RelayedCandidate.class, relayed("candidate"));
        for (ErrorCode code : ErrorCode.values()) {
            errorsByCode.put(code.code(), registry.counter("signal_errors_total", new Tag("code", code.code())));
        }
        for (CloseCode reason : CloseCode.values()) {
            closesByReason.put(reason, closes(reason.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
        closedByClient = closes("client");
        router.onGridRejection(registry.counter("signal_cluster_rejected_total")::inc);
    }

    private Counter relayed(String type) {
        return registry.counter("signal_messages_relayed_total", new Tag("type", type));
    }

    private Counter closes(String reason) {
        return registry.counter("signal_closes_total", new Tag("reason", reason));
    }

    @Override
    public void queued(Outgoing message) {
        if (message instanceof ErrorReply error) {
            errorsByCode.get(error.code()).inc();
        } else if (message instanceof LoginRefused refused) {
            errorsByCode.get(refused.code()).inc();
        } else {
            Class<?> kind = message instanceof Forwarded forwarded ? forwarded.kind() : message.getClass();
            Counter relayed = relayedByType.get(kind);
            if (relayed != null) {
                relayed.inc();
            }
        }
    }

    @Override
    public void closed(CloseCode byServer) {
        (byServer == null ? closedByClient : closesByReason.get(byServer)).inc();
    }
}
