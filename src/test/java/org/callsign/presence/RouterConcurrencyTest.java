package org.callsign.presence;

import static org.callsign.presence.TestClient.loggedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.callsign.ice.IceServers;
import org.callsign.message.CloseCode;
import org.callsign.message.ServerMessage.ErrorReply;
import org.callsign.message.ServerMessage.LoginAccepted;
import org.callsign.message.ServerMessage.LoginRefused;
import org.callsign.message.ServerMessage.PeerBack;
import org.callsign.message.ServerMessage.PeerLeft;
import org.callsign.message.ServerMessage.RelayedOffer;
import org.callsign.support.Race;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Races on real threads, released together and repeated many rounds, each ending with the
 * registry's invariants checked.
 */
class RouterConcurrencyTest {

    private static final int THREADS = 32;
    private static final int ROUNDS = 300;
    private static final Logger ROUTER_LOG = Logger.getLogger(Router.class.getName());

    private static ExecutorService pool;

    private Presence presence;
    private Calls calls;
    private Router router;

    @BeforeAll
    static void startThreads() {
        pool = Executors.newFixedThreadPool(THREADS);
        // Thousands of INFO lines would only slow the races down.
        ROUTER_LOG.setLevel(Level.WARNING);
    }

    @AfterAll
    static void stopThreads() {
        pool.shutdownNow();
        ROUTER_LOG.setLevel(null);
    }

    @BeforeEach
    void newRouter() {
        presence = new Presence(new LocalNameStore());
        calls = new Calls(new LocalCallStore());
        router = new Router(new Registry.Local(presence, calls), IceServers.none(), TestSettings.ROUTER);
    }

    private static void race(List<Runnable> actions) throws Exception {
        Race.run(pool, actions);
    }

    private static void race(Runnable first, Runnable second) throws Exception {
        race(List.of(first, second));
    }

    private static boolean accepted(TestClient client) {
        return !client.outbox().all(LoginAccepted.class).isEmpty();
    }

    private static int leavesReceived(TestClient client) {
        return client.outbox().all(PeerLeft.class).size();
    }

    @Test
    void racingLoginsForOneNameInAnyCaseHaveExactlyOneOwner() throws Exception {
        List<String> spellings = List.of("alice", "Alice", "ALICE", "aLiCe");
        for (int round = 0; round < ROUNDS; round++) {
            newRouter();
            List<TestClient> clients = IntStream.range(0, THREADS).mapToObj(i -> new TestClient(router)).toList();
            race(IntStream.range(0, THREADS).<Runnable>mapToObj(
                    i -> () -> clients.get(i).login(spellings.get(i % spellings.size()))).toList());

            List<TestClient> owners = clients.stream().filter(RouterConcurrencyTest::accepted).toList();
            assertEquals(1, owners.size(), "round " + round);
            for (TestClient client : clients) {
                if (client != owners.get(0)) {
                    assertEquals("name-taken", client.outbox().last(LoginRefused.class).code());
                    assertNull(client.member());
                }
            }
            assertEquals(1, presence.size());
            assertSame(owners.get(0).member(), presence.find(owners.get(0).member().name()));
        }
    }

    @Test
    void racingOffersToOneCalleeStartExactlyOneCallAndTheRestGetBusy() throws Exception {
        for (int round = 0; round < ROUNDS / 3; round++) {
            newRouter();
            TestClient callee = loggedIn(router, "callee");
            List<TestClient> callers = IntStream.range(0, THREADS)
                    .mapToObj(i -> loggedIn(router, "caller" + i)).toList();
            race(callers.stream().<Runnable>map(caller -> () -> caller.offer("callee")).toList());

            List<RelayedOffer> offers = callee.outbox().all(RelayedOffer.class);
            assertEquals(1, offers.size(), "round " + round + ": " + offers);
            TestClient winner = callers.stream()
                    .filter(caller -> caller.member().toString().equals(offers.get(0).name())).findFirst().orElseThrow();
            winner.outbox().assertNothingArrived();
            for (TestClient caller : callers) {
                if (caller != winner) {
                    assertEquals("busy", caller.outbox().last(ErrorReply.class).code());
                    assertNull(calls.of(caller.member()));
                }
            }
            assertSame(winner.member(), calls.of(callee.member()).caller());
            assertEquals(1, router.callsRinging());
        }
    }

    @Test
    void hangUpRacingThePeersDisconnectEndsTheCallOnceAndFreesBoth() throws Exception {
        raceTheEndOfACall(true, (alice, bob) -> race(alice::leave, bob::disconnect));
    }

    @Test
    void bothSidesHangingUpAtOnceEndTheCallOnce() throws Exception {
        raceTheEndOfACall(false, (alice, bob) -> race(alice::leave, bob::leave));
    }

    private interface Ending {
        void race(TestClient alice, TestClient bob) throws Exception;
    }

    /** In each round alice calls bob, {@code ending} ends the call, and both are free again. */
    private void raceTheEndOfACall(boolean answered, Ending ending) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            newRouter();
            TestClient alice = loggedIn(router, "alice");
            TestClient bob = loggedIn(router, "bob");
            alice.offer("bob");
            if (answered) {
                bob.answer("alice");
            }
            alice.outbox().drain();
            bob.outbox().drain();

            ending.race(alice, bob);

            // Exactly one side ended the call and the other side heard of it: never both
            // (a peer told twice), never neither (a call nobody ended).
            assertEquals(1, leavesReceived(alice) + leavesReceived(bob), "round " + round);
            assertNull(calls.of(alice.member()));
            assertNull(calls.of(bob.member()));
            assertEquals(0, router.callsConnected() + router.callsRinging());
            TestClient callee = presence.holds(bob.member()) ? bob : loggedIn(router, "bob");
            assertCanCall(alice, callee);
        }
    }

    /** The caller's offer reaches the callee, so neither is stuck in an old call. */
    private void assertCanCall(TestClient caller, TestClient callee) {
        callee.outbox().drain();
        caller.offer(callee.member().toString());
        assertEquals(List.of(RelayedOffer.class), callee.outbox().messages().stream().map(Object::getClass).toList());
        assertEquals(1, router.callsRinging());
    }

    @Test
    void aLoginRacingItsConnectionsCloseLeavesNoNameBehind() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            newRouter();
            TestClient client = new TestClient(router);

            race(() -> client.login("alice"), client::disconnect);

            assertEquals(0, presence.size(), "round " + round);
            loggedIn(router, "alice");
        }
    }

    /** The race above, lost by the login, in a fixed order: no client can send a login after its own close. */
    @Test
    void aConnectionThatClosedBeforeItsLoginGetsNoName() {
        loggedIn(router, "alice");
        TestClient late = new TestClient(router);
        late.disconnect();
        late.login("carol");

        assertNull(late.member());
        assertEquals(1, router.online());
        loggedIn(router, "carol");
    }

    @Test
    void aTakeoverRacingTheOldConnectionsCloseLeavesTheNameWithTheNewConnection() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            newRouter();
            TestClient old = loggedIn(router, "alice");
            TestClient peer = loggedIn(router, "bob");
            old.offer("bob");
            TestClient reloaded = new TestClient(router);

            race(() -> reloaded.login("alice", old.token()), old::disconnect);

            assertTrue(accepted(reloaded), () -> "reloaded got " + reloaded.outbox().messages());
            assertSame(reloaded.member(), presence.find(reloaded.member().name()));
            assertEquals(2, presence.size());
            // Either the takeover came first and resumed the call (rule 25), or the close did and
            // ended it, the login then taking a free name: never both, never neither.
            Call call = calls.of(peer.member());
            if (call == null) {
                assertEquals(1, leavesReceived(peer), "round " + round);
                assertEquals(0, peer.outbox().all(PeerBack.class).size(), "round " + round);
            } else {
                assertEquals(reloaded.member(), call.peerOf(peer.member()), "round " + round);
                assertEquals(0, leavesReceived(peer), "round " + round);
                assertEquals(1, peer.outbox().all(PeerBack.class).size(), "round " + round);
            }
            assertTrue(old.outbox().closedWith() == null || old.outbox().closedWith() == CloseCode.REPLACED);
        }
    }
}
