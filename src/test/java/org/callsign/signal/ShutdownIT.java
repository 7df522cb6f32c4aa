package org.callsign.signal;

import static org.callsign.support.Messages.answer;
import static org.callsign.support.Messages.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.callsign.support.ServerProcess;
import org.callsign.support.SignalClient;
import org.junit.jupiter.api.Test;

/**
 * An orchestrator stopping the server with SIGTERM: every client hears 1001 and can reconnect
 * elsewhere, and nothing of the calls in progress survives into the restarted server.
 */
class ShutdownIT {

    @Test
    void sigtermClosesEveryConnectionWith1001AndARestartHoldsNoOldNamesOrCalls() {
        try (ServerProcess server = ServerProcess.payaraMicro("shutdown", List.of()).start()) {
            SignalClient alice = SignalClient.loggedIn(server.signal(), "alice");
            SignalClient bob = SignalClient.loggedIn(server.signal(), "bob");
            SignalClient idle = SignalClient.connect(server.signal());
            alice.send(offer("bob", "v=0"));
            bob.awaitType("offer");
            bob.send(answer("alice", "v=0"));
            alice.awaitType("answer");

            server.terminate(Duration.ofSeconds(60));

            for (SignalClient client : List.of(alice, bob, idle)) {
                assertEquals(1001, client.awaitClose(SignalClient.WAIT).getCloseCode().getCode(), server::log);
            }
        }
        try (ServerProcess restarted = ServerProcess.payaraMicro("restarted", List.of()).start();
             SignalClient bob = SignalClient.loggedIn(restarted.signal(), "bob");
             SignalClient carol = SignalClient.loggedIn(restarted.signal(), "carol")) {
            carol.send(offer("alice", "v=0"));
            carol.awaitError("user-not-found");
            carol.send(offer("bob", "v=0"));
            assertEquals("carol", bob.awaitType("offer").getString("name"), "bob is in no call after the restart");
        }
    }
}
