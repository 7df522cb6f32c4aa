package org.callsign.cluster;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import org.callsign.config.Settings;
import org.callsign.presence.Registry;

/**
 * Picks where the router keeps its state: in this instance's memory (the default), or, with
 * {@code signal.cluster.enabled=true}, in Payara's data grid shared by every instance of the
 * cluster. This class names no data-grid type, so the WAR still deploys on servers without one.
 */
@ApplicationScoped
public class ClusterChoice {

    @Produces
    Registry registry() {
        return Settings.flag("signal.cluster.enabled", false) ? GridRegistry.join() : Registry.local();
    }

    void close(@Disposes Registry registry) {
        registry.close();
    }
}
