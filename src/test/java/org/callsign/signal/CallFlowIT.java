package org.callsign.signal;

import static org.callsign.support.Messages.answer;
import static org.callsign.support.Messages.candidate;
import static org.callsign.support.Messages.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URL;
import org.callsign.support.Deployments;
import org.callsign.support.SignalClient;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CallFlowIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    private URI signal() {
        return URI.create(base.toString().replaceFirst("^http", "ws") + "signal");
    }

    @Test
    void aliceCallsBobAndTheyExchangeOfferAnswerAndCandidates() {
        try (SignalClient alice = SignalClient.loggedIn(signal(), "alice");
             SignalClient bob = SignalClient.loggedIn(signal(), "bob")) {
            alice.send(offer("bob", "v=0 offer"));
            assertEquals("alice", bob.awaitType("offer").getString("name"));
            bob.send(answer("alice", "v=0 answer"));
            assertEquals("v=0 answer", alice.awaitType("answer").getJsonObject("answer").getString("sdp"));
            alice.send(candidate("bob", "candidate:1"));
            assertEquals("candidate:1", bob.awaitType("candidate").getJsonObject("candidate").getString("candidate"));
        }
    }
}
