package org.callsign.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.callsign.signal.Keepalive;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the keepalive sweep runs: if it stalls, idle and unauthenticated connections
 * are never closed and the instance should be restarted.
 */
@Liveness
@ApplicationScoped
public class DeadlinesChecked implements HealthCheck {

    private static final long STALE_AFTER_SECONDS = 30;

    @Inject
    Keepalive keepalive;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("signaling-deadlines-checked")
                .status(keepalive.sweptWithin(STALE_AFTER_SECONDS))
                .build();
    }
}
