package org.callsign.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.callsign.signal.Keepalive;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the endpoint takes new connections: from start-up until shutdown begins. */
@Readiness
@ApplicationScoped
public class AcceptingConnections implements HealthCheck {

    @Inject
    Keepalive keepalive;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("signaling-accepting-connections")
                .status(keepalive.isAccepting())
                .withData("open-connections", keepalive.openConnections())
                .build();
    }
}
