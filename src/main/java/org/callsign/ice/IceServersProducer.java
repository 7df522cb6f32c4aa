package org.callsign.ice;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.callsign.config.SignalConfig;

/** Hands the router the ICE servers of the {@code signal.ice.*} settings. */
@ApplicationScoped
public class IceServersProducer {

    @Produces
    IceServers configured() {
        SignalConfig config = SignalConfig.current();
        return new IceServers(config.stunUrls(), config.turnUrls(), config.turnSecret(), config.turnTtlSeconds(),
                Clock.systemUTC());
    }
}
