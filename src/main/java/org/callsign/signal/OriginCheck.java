package org.callsign.signal;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import org.callsign.config.SignalConfig;

/**
 * Refuses a handshake from a browser page of another origin (docs/protocol.md rule 19): the
 * container answers 403. Requests without an Origin header (non-browser clients) pass.
 */
public class OriginCheck extends ServerEndpointConfig.Configurator {

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
        List<String> allowed = SignalConfig.current().allowedOrigins();
        return allowed.contains("*") || allowed.contains(origin) || SameOrigin.matches(origin);
    }
}
