package org.callsign.support;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every server IT shares: the built WAR deployed to Payara Micro, tests acting as
 * clients from outside, and user names no other test uses.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class DeployedServerIT {

    @ArquillianResource
    protected URL base;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Deployments.builtWar();
    }

    /** The WebSocket endpoint's address. */
    protected URI signal() {
        return URI.create(base.toString().replaceFirst("^http", "ws") + "signal");
    }

    /** The {@code signal.ring-timeout-seconds} arquillian.xml gives the server. */
    protected static final Duration RING_TIMEOUT = Duration.ofSeconds(5);

    /** The {@code signal.resume-seconds} arquillian.xml gives the server. */
    protected static final Duration RESUME_WINDOW = Duration.ofSeconds(3);

    /** The {@code signal.users-watch-seconds} arquillian.xml gives the server. */
    protected static final Duration WATCH_PERIOD = Duration.ofSeconds(1);

    /** The ICE settings arquillian.xml gives the server ({@code signal.ice.*}): the test coturn's port and secret. */
    protected static ProtocolDriver.Ice ice() {
        String coturn = "127.0.0.1:" + Coturn.port();
        return new ProtocolDriver.Ice("stun:" + coturn, "turn:" + coturn + "?transport=udp", Coturn.SECRET, 600);
    }

    /** A user name unique in this run, so tests cannot see each other's users. */
    protected static String name(String base) {
        return UniqueNames.of(base);
    }
}
