package org.callsign.signal;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.callsign.config.SignalConfig;

/**
 * The server's say in every handshake to /signal: it refuses a browser page of another origin
 * (docs/protocol.md rule 19; the container answers 403; requests without an Origin header, from
 * non-browser clients, pass), notes the client's address for the per-address limit (rule 30),
 * and builds the endpoint.
 */
public class SignalConfigurator extends ServerEndpointConfig.Configurator {

    private static final Logger LOG = Logger.getLogger(SignalConfigurator.class.getName());
    private static final String CLIENT_ADDRESS = SignalConfigurator.class.getName() + ".clientAddress";
    private static final AtomicBoolean WARNED_UNSEEN = new AtomicBoolean();

    /** Every connection's endpoint, built without a CDI injection target of its own (see {@link SignalServices}). */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != SignalingEndpoint.class) {
            return super.getEndpointInstance(endpointClass);
        }
        return endpointClass.cast(new SignalingEndpoint(SignalServices.current()));
    }

    @Override
    public boolean checkOrigin(String origin) {
        if (origin == null) {
            return true;
        }
        SignalConfig config = SignalConfig.current();
        List<String> allowed = config.allowedOrigins();
        return allowed.contains("*") || allowed.contains(origin)
                || HandshakeFilter.current().map(handshake -> handshake.isOwnOrigin(origin, config.trustedProxies()))
                        .orElse(false);
    }

    /**
     * Puts the client's address in the new session's user properties: this method gets a
     * configuration of its own per connection, whose user properties the session starts with
     * (Jakarta WebSocket 2.1, {@code Session.getUserProperties}).
     */
    @Override
    public void modifyHandshake(ServerEndpointConfig connection, HandshakeRequest request, HandshakeResponse response) {
        HandshakeFilter.current().ifPresentOrElse(
                handshake -> connection.getUserProperties().put(CLIENT_ADDRESS,
                        handshake.client(SignalConfig.current().trustedProxies())),
                () -> {
                    if (WARNED_UNSEEN.compareAndSet(false, true)) {
                        LOG.warning("the container upgraded /signal before HandshakeFilter saw the request: "
                                + "connections are not limited per address (signal.max-sessions-per-address)");
                    }
                });
    }

    /** The address a session's connection counts against, or null where {@link HandshakeFilter} never saw it. */
    static InetAddress clientAddress(Session session) {
        return (InetAddress) session.getUserProperties().get(CLIENT_ADDRESS);
    }
}
