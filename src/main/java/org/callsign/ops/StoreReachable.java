package org.callsign.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.callsign.presence.Router;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while names and calls can be read and written: always on a single instance; in a
 * cluster, while this instance's data-grid operations answer. They stop answering while part of
 * the grid is cut off and not yet declared lost: logins and call steps then wait, so a load
 * balancer should send new connections elsewhere.
 */
@Readiness
@ApplicationScoped
public class StoreReachable implements HealthCheck {

    @Inject
    Router router;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("signaling-store-reachable")
                .status(router.storeReachable())
                .build();
    }
}
