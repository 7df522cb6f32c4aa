package org.callsign.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.callsign.support.Browsers;
import org.callsign.support.Coturn;
import org.callsign.support.DeployedServerIT;
import org.callsign.support.Person;
import org.junit.jupiter.api.Test;

/**
 * The TURN credentials the server hands out work with a real coturn: with both pages allowed
 * to use relayed candidates only (?relay=1), a call connects, and its media goes through TURN.
 */
class TurnIT extends DeployedServerIT {

    @Test
    void aCallConnectsThroughTurnWhenOnlyRelayedPathsAreAllowed() {
        try (Coturn coturn = Coturn.start(); Browsers browsers = Browsers.launch()) {
            Person alice = browsers.open(base, "?relay=1").signIn(name("alice"));
            Person bob = browsers.open(base, "?relay=1").signIn(name("bob"));

            alice.call(bob);
            bob.sees("ringing");
            bob.accept();
            for (Person side : List.of(alice, bob)) {
                side.sees("in-call");
                side.awaitFramesDecodedAbove(0);
                assertTrue(side.remoteVideoIsReceived());
                List<String> types = side.selectedCandidateTypes();
                assertTrue(types.contains("relay"), () -> "selected candidate pair " + types);
                side.seesQuality(Pattern.compile("relayed \\(TURN\\)"));
            }
        }
    }
}
