package org.callsign.signal;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import org.callsign.presence.Router;

/**
 * What every connection's endpoint needs from CDI, gathered in one bean and looked up once.
 * Left to the container, each endpoint instance would be built through a fresh CDI injection
 * target (Tyrus's CDI provider does that per connection), which costs heap and time for every
 * connection; {@link SignalConfigurator#getEndpointInstance} builds endpoints with these instead.
 */
@ApplicationScoped
public class SignalServices {

    private static volatile SignalServices current;

    @Inject
    Router router;

    @Inject
    Keepalive keepalive;

    /** The metrics, on a server with MicroProfile Metrics (the ops package); absent elsewhere. */
    @Inject
    Instance<SignalEvents> counted;

    /** The application's instance (a CDI client proxy, valid for the application's lifetime). */
    static SignalServices current() {
        SignalServices services = current;
        if (services == null) {
            services = CDI.current().select(SignalServices.class).get();
            current = services;
        }
        return services;
    }

    Router router() {
        return router;
    }

    Keepalive keepalive() {
        return keepalive;
    }

    SignalEvents events() {
        return counted.isResolvable() ? counted.get() : SignalEvents.UNCOUNTED;
    }
}
