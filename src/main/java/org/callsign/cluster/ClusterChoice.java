package org.callsign.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.callsign.config.SignalConfig;
import java.util.logging.Logger;
import org.callsign.presence.Registry;
import org.callsign.presence.Router;

/**
 * Picks where the router keeps its state: in this instance's memory (the default), or, with
 * {@code signal.cluster.enabled=true}, in Payara's data grid shared by every instance of the
 * cluster. This class names no data-grid type, so the WAR still deploys on servers without one.
 */
@ApplicationScoped
public class ClusterChoice {

    private static final Logger LOG = Logger.getLogger(ClusterChoice.class.getName());

    @Produces
    Registry registry() {
        SignalConfig config = SignalConfig.current();
        return config.clustered() ? GridRegistry.join(ClusterKeys.of(config.clusterSecret())) : Registry.local();
    }

    void close(@Disposes Registry registry) {
        registry.close();
    }

    /**
     * Builds the router, and so its registry, as the application starts: a clustered instance
     * joins the grid's maps and topics before its first connection, and one that cannot (no
     * data grid) fails its deployment with the reason instead of failing every login.
     */
    void startRegistry(@Observes @Initialized(ApplicationScoped.class) Object started, Router router) {
        LOG.info(() -> "registry ready, " + router.online() + " name(s) online");
    }
}
