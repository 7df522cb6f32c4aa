package org.callsign.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.callsign.ice.IceServers;
import org.callsign.message.CloseCode;
import org.callsign.message.Forwarded;
import org.callsign.message.ServerMessage;
import org.callsign.message.ServerMessage.ErrorReply;
import org.callsign.message.ServerMessage.HeldCall;
import org.callsign.message.ServerMessage.LoginAccepted;
import org.callsign.message.ServerMessage.LoginRefused;
import org.callsign.message.ServerMessage.PeerAway;
import org.callsign.message.ServerMessage.PeerBack;
import org.callsign.message.ServerMessage.PeerLeft;
import org.callsign.message.ServerMessage.RelayedAnswer;
import org.callsign.message.ServerMessage.RelayedCandidate;
import org.callsign.message.ServerMessage.RelayedOffer;
import org.callsign.message.ServerMessage.UserList;
import org.callsign.presence.Router;
import org.callsign.presence.RouterSettings;
import org.callsign.presence.TestClient;
import org.callsign.presence.TestSettings;
import org.callsign.support.Race;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The router on the data grid, one registry per grid member as one per server instance:
 * races between instances, a takeover across them, and an instance lost. Messages between
 * instances travel through the grid, so tests wait for them to arrive.
 */
class GridRegistryTest {

    private static final Duration ARRIVAL = Duration.ofSeconds(5);
    private static final int ROUNDS = 30;
    private static final int PER_INSTANCE = 4;
    /** The server's settings with a resume window short enough to wait out. */
    private static final RouterSettings SETTINGS = new RouterSettings(TestSettings.ROUTER.ringTimeout(),
            Duration.ofSeconds(2), TestSettings.ROUTER.maxHeldMessages(), TestSettings.ROUTER.maxHeldBytes(),
            TestSettings.ROUTER.watchPeriod());

    private static TestGrid grid;
    private static HazelcastInstance memberOne;
    private static HazelcastInstance memberTwo;
    private static ExecutorService pool;

    private final List<GridRegistry> registries = new ArrayList<>();
    private Router one;
    private Router two;
    private HazelcastInstance third;

    @BeforeAll
    static void formGrid() {
        grid = new TestGrid(3);
        memberOne = grid.start(0);
        memberTwo = grid.start(1);
        pool = Executors.newFixedThreadPool(2 * PER_INSTANCE);
    }

    @AfterAll
    static void stopGrid() {
        pool.shutdownNow();
        grid.shutdownAll();
    }

    @BeforeEach
    void twoInstances() {
        memberOne.getMap("signal-names").clear();
        memberOne.getMap("signal-calls").clear();
        one = routerOn(memberOne);
        two = routerOn(memberTwo);
    }

    @AfterEach
    void closeRegistries() {
        registries.forEach(GridRegistry::close);
    }

    /** A third instance, for a test to kill. */
    private Router startThird() {
        third = grid.start(2);
        return routerOn(third);
    }

    private Router routerOn(HazelcastInstance member) {
        GridRegistry registry = new GridRegistry(member, TestGrid.KEYS);
        registries.add(registry);
        return new Router(registry, IceServers.none(), SETTINGS);
    }

    @Test
    void loginsRacingForOneNameOnTwoInstancesHaveExactlyOneWinner() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = "racer" + round;
            List<TestClient> clients = new ArrayList<>();
            for (int i = 0; i < PER_INSTANCE; i++) {
                clients.add(new TestClient(one));
                clients.add(new TestClient(two));
            }
            List<Runnable> logins = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                TestClient client = clients.get(i);
                String spelled = i % 2 == 0 ? name : name.toUpperCase(Locale.ROOT);
                logins.add(() -> client.login(spelled));
            }
            race(logins);

            int winners = 0;
            for (TestClient client : clients) {
                if (client.outbox().all(LoginAccepted.class).isEmpty()) {
                    assertEquals("name-taken", client.outbox().last(LoginRefused.class).code());
                } else {
                    winners++;
                }
            }
            assertEquals(1, winners, "round " + round);
        }
    }

    @Test
    void offersRacingFromBothInstancesToOneCalleeStartOneCall() throws Exception {
        for (int round = 0; round < ROUNDS / 3; round++) {
            String callee = "callee" + round;
            TestClient rung = TestClient.loggedIn(one, callee);
            List<TestClient> callers = new ArrayList<>();
            for (int i = 0; i < PER_INSTANCE; i++) {
                callers.add(TestClient.loggedIn(one, "near" + round + "x" + i));
                callers.add(TestClient.loggedIn(two, "far" + round + "x" + i));
            }
            race(callers.stream().<Runnable>map(caller -> () -> caller.offer(callee)).toList());

            long busy = callers.stream().filter(caller -> !caller.outbox().all(ErrorReply.class).isEmpty()).count();
            assertEquals(callers.size() - 1, busy, "round " + round);
            callers.forEach(caller -> caller.outbox().all(ErrorReply.class)
                    .forEach(error -> assertEquals("busy", error.code())));
            await(() -> offersTo(rung) == 1, "the callee's one offer");
            pause(Duration.ofMillis(100));
            assertEquals(1, offersTo(rung), "no second offer arrives");
            rung.leave();
        }
    }

    @Test
    void twoPeopleOnDifferentInstancesCallingEachOtherAtOnceEndUpInOneCall() throws Exception {
        for (int round = 0; round < ROUNDS / 3; round++) {
            String annName = "ann" + round;
            String bobName = "bob" + round;
            TestClient ann = TestClient.loggedIn(one, annName);
            TestClient bob = TestClient.loggedIn(two, bobName);
            race(List.of(() -> ann.offer(bobName), () -> bob.offer(annName)));

            await(() -> offersTo(ann) == 1 && offersTo(bob) == 1, "both offers relayed (glare)");
            assertTrue(ann.outbox().all(ErrorReply.class).isEmpty(), () -> ann.outbox().messages().toString());
            assertTrue(bob.outbox().all(ErrorReply.class).isEmpty(), () -> bob.outbox().messages().toString());
            ann.leave();
            await(() -> received(bob, PeerLeft.class) == 1, "bob hears leave");
        }
    }

    @Test
    void aTokenTakesTheNameOverThroughAnotherInstanceKeepingTheCall() {
        TestClient old = TestClient.loggedIn(one, "cleo");
        TestClient peer = TestClient.loggedIn(one, "dan");
        old.offer("dan");
        TestClient reloaded = new TestClient(two);
        reloaded.login("CLEO", old.token());

        LoginAccepted resumed = reloaded.outbox().last(LoginAccepted.class);
        assertEquals("CLEO", resumed.name());
        assertEquals(new HeldCall("dan", "ringing", "caller"), resumed.call());
        await(() -> old.outbox().closedWith() == CloseCode.REPLACED, "the old connection closed as replaced");
        await(() -> received(peer, PeerBack.class) == 1, "the peer hears its caller is back");
        assertEquals(0, received(peer, PeerLeft.class));
        // The call goes on between the instances, both ways.
        reloaded.candidate("dan");
        await(() -> received(peer, RelayedCandidate.class) == 1, "the resumed caller reaches the peer");
        peer.answer("CLEO");
        await(() -> received(reloaded, RelayedAnswer.class) == 1, "the peer reaches the resumed caller");
        old.disconnect();
        TestClient intruder = new TestClient(one);
        intruder.login("cleo");
        assertEquals("name-taken", intruder.outbox().last(LoginRefused.class).code(),
                "the old connection's close must not free the new holder's name");
    }

    @Test
    void aTakeoverUnderALookAlikeSpellingThroughAnotherInstanceIsListedUnderItEverywhere() {
        TestClient old = TestClient.loggedIn(one, "ape");
        TestClient asker = TestClient.loggedIn(one, "fay");
        TestClient reloaded = new TestClient(two);
        reloaded.login("\u0410\u0420\u0415", old.token());
        assertEquals("\u0410\u0420\u0415", reloaded.outbox().last(LoginAccepted.class).name());
        await(() -> old.outbox().closedWith() == CloseCode.REPLACED, "the old connection closed as replaced");
        old.disconnect();

        await(() -> {
            asker.users("\u0430");
            return asker.outbox().last(UserList.class).total() == 1;
        }, "the new spelling listed on the instance of the old");
        assertEquals(List.of("\u0410\u0420\u0415"), asker.outbox().last(UserList.class).users());
        asker.users("ap");
        assertEquals(0, asker.outbox().last(UserList.class).total(), "the old spelling is no longer listed");
    }

    @Test
    void usersListsTheWholeClusterInOrder() {
        TestClient.loggedIn(one, "eve");
        TestClient.loggedIn(two, "Eli");
        TestClient.loggedIn(one, "ezra");
        TestClient asker = TestClient.loggedIn(two, "fay");

        await(() -> {
            asker.users("e");
            return asker.outbox().last(UserList.class).total() == 3;
        }, "all three e-names listed");
        assertEquals(List.of("Eli", "eve", "ezra"), asker.outbox().last(UserList.class).users());
    }

    @Test
    void usersNamesAsBusyTheCallsOfAnotherInstanceAndThoseThatBeganBeforeAnInstanceJoined() {
        TestClient kim = TestClient.loggedIn(two, "busykim");
        TestClient.loggedIn(two, "busylou");
        TestClient asker = TestClient.loggedIn(one, "busymo");
        kim.offer("busylou");
        await(() -> busyListedBy(asker, "busy").equals(List.of("busykim", "busylou")),
                "the call on the other instance listed as busy");

        HazelcastInstance lateMember = grid.start(2);
        try {
            TestClient late = TestClient.loggedIn(routerOn(lateMember), "busynat");
            assertEquals(List.of("busykim", "busylou"), busyListedBy(late, "busy"), "a call that began before the instance joined");
            kim.leave();
            await(() -> busyListedBy(late, "busy").isEmpty() && busyListedBy(asker, "busy").isEmpty(),
                    "the ended call no longer busy anywhere");
        } finally {
            lateMember.getLifecycleService().shutdown();
        }
    }

    private static List<String> busyListedBy(TestClient asker, String prefix) {
        asker.users(prefix);
        return asker.outbox().last(UserList.class).busy();
    }

    @Test
    void whenAnInstanceDiesItsUsersAreAwayAndThoseNotBackInTimeAreFreedWithInstanceLost() {
        Router doomed = startThird();
        TestClient inCall = TestClient.loggedIn(doomed, "gil");
        TestClient ringing = TestClient.loggedIn(doomed, "hana");
        TestClient peer = TestClient.loggedIn(one, "ivo");
        TestClient rung = TestClient.loggedIn(two, "jon");
        connect(inCall, "gil", peer, "ivo");
        ringing.offer("jon");
        await(() -> offersTo(rung) == 1, "jon rung");

        long died = System.nanoTime();
        third.getLifecycleService().terminate();

        await(() -> received(peer, PeerAway.class) == 1, "ivo hears gil is away");
        await(() -> received(rung, PeerAway.class) == 1, "jon hears hana is away");
        TestClient intruder = new TestClient(two);
        intruder.login("gil");
        assertEquals("name-taken", intruder.outbox().last(LoginRefused.class).code(), "held for a resume");
        peer.offer("jon");
        peer.outbox().lastError("already-in-call");
        assertEquals(0, received(peer, PeerLeft.class));

        await(() -> received(peer, PeerLeft.class) == 1, "ivo hears gil leave once the window passed");
        assertTrue(System.nanoTime() - died >= SETTINGS.resumeWindow().toNanos(), "not before the window passed");
        assertEquals("instance-lost", peer.outbox().last(PeerLeft.class).reason());
        await(() -> received(rung, PeerLeft.class) == 1, "jon hears hana leave");
        await(() -> {
            TestClient again = new TestClient(one);
            again.login("gil");
            return !again.outbox().all(LoginAccepted.class).isEmpty();
        }, "gil's name free again");
        peer.offer("jon");
        assertTrue(peer.outbox().all(ErrorReply.class).size() == 1, () -> peer.outbox().messages().toString());
        await(() -> offersTo(rung) == 2, "the survivors are free to call each other");
    }

    @Test
    void aUserOfAnInstanceThatStoppedResumesThroughAnotherAndTheCallGoesOn() {
        Router doomed = startThird();
        TestClient lost = TestClient.loggedIn(doomed, "kai");
        TestClient peer = TestClient.loggedIn(one, "lou");
        connect(lost, "kai", peer, "lou");

        // As a server stops: its connections closed with 1001, then it leaves the grid.
        lost.closedByShutdown();
        TestClient intruder = new TestClient(one);
        intruder.login("kai");
        assertEquals("name-taken", intruder.outbox().last(LoginRefused.class).code(), "the stopping instance frees nothing");
        third.getLifecycleService().terminate();
        await(() -> received(peer, PeerAway.class) == 1, "lou hears kai is away");

        TestClient resumed = new TestClient(two);
        resumed.login("kai", lost.token());
        LoginAccepted reply = resumed.outbox().last(LoginAccepted.class);
        assertTrue(reply.resumed());
        assertEquals(new HeldCall("lou", "connected", "caller"), reply.call());
        await(() -> received(peer, PeerBack.class) == 1, "lou hears kai is back");
        peer.candidate("kai");
        await(() -> received(resumed, RelayedCandidate.class) == 1, "the peer reaches the resumed caller");
        resumed.candidate("lou");
        await(() -> received(peer, RelayedCandidate.class) == 1, "the resumed caller reaches the peer");

        pause(SETTINGS.resumeWindow().plusMillis(500));
        assertEquals(0, received(peer, PeerLeft.class), "the window passing does not end a resumed call");
        intruder.login("kai");
        assertEquals("name-taken", intruder.outbox().last(LoginRefused.class).code());
    }

    @Test
    void aCandidateSentJustAfterTheOtherInstanceEndedTheCallReachesNobodyAndIsRefused() {
        for (int round = 0; round < ROUNDS / 3; round++) {
            TestClient ann = TestClient.loggedIn(one, "wes" + round);
            TestClient bob = TestClient.loggedIn(two, "xia" + round);
            ann.offer("xia" + round);
            await(() -> offersTo(bob) == 1, "xia rung");
            bob.answer("wes" + round);
            await(() -> received(ann, RelayedAnswer.class) == 1, "the answer relayed");

            bob.leave();
            ann.candidate("xia" + round);
            await(() -> received(ann, PeerLeft.class) == 1, "wes hears leave");
            await(() -> received(ann, ErrorReply.class) == 1, "the candidate refused, by one instance or the other");
            // The refusal comes from where the candidate was dropped, after the drop: nothing is still on its way to xia.
            assertEquals(0, received(bob, RelayedCandidate.class), "nothing reaches the former peer");
        }
    }

    @Test
    void nothingOnTheGridTellsWhoIsOnlineOrWhatTheySaid() {
        TestClient ann = TestClient.loggedIn(one, "Kimberly");
        TestClient bob = TestClient.loggedIn(two, "Leopold");
        List<String> onTheGrid = new ArrayList<>();
        for (byte[] frame : framesToTwoWhile(() -> ann.offer("Leopold"), () -> offersTo(bob) == 1)) {
            onTheGrid.add(new String(frame, StandardCharsets.ISO_8859_1));
        }
        for (String map : List.of("signal-names", "signal-calls")) {
            memberTwo.<String, String>getMap(map).forEach((key, value) -> {
                onTheGrid.add(key);
                onTheGrid.add(value);
            });
        }
        assertEquals(2, memberTwo.getMap("signal-names").size());
        for (String seen : onTheGrid) {
            String lower = seen.toLowerCase(Locale.ROOT);
            assertFalse(lower.contains("kimberly") || lower.contains("leopold") || lower.contains("v=0"), seen);
        }
    }

    @Test
    void aNameDeletedOrForgedOverOnTheGridIsPutBackAndTheLaterClaimantIsClosed() {
        AtomicInteger rejected = countRejections();
        TestClient holder = TestClient.loggedIn(one, "mona");
        IMap<String, String> names = memberTwo.getMap("signal-names");
        Map<String, String> authentic = Map.copyOf(names);

        names.clear();
        await(() -> authentic.equals(Map.copyOf(names)), "the name put back after a delete");
        names.replaceAll((key, value) -> "forged");
        await(() -> authentic.equals(Map.copyOf(names)), "the name put back after a forgery");
        assertTrue(rejected.get() > 0, "forged entries are counted");

        // Deleted and claimed at once on another instance, before the holder's instance can react.
        names.clear();
        TestClient impostor = new TestClient(two);
        impostor.login("mona");
        if (!impostor.outbox().all(LoginAccepted.class).isEmpty()) {
            await(() -> impostor.outbox().closedWith() == CloseCode.CLAIMED_EARLIER, "the later claim closed");
            impostor.disconnect();
        }
        await(() -> authentic.equals(Map.copyOf(names)), "the name back with its first holder");
        assertEquals(null, holder.outbox().closedWith());
        TestClient caller = TestClient.loggedIn(two, "ned");
        caller.offer("mona");
        await(() -> offersTo(holder) == 1, "a call to the name reaches its first holder");
    }

    @Test
    void entriesOfLoginsThatAreGonePlayedBackOnTheGridAreRemoved() {
        TestClient tom = TestClient.loggedIn(one, "tom");
        TestClient uma = TestClient.loggedIn(two, "uma");
        tom.offer("uma");
        await(() -> offersTo(uma) == 1, "uma rung");
        IMap<String, String> names = memberTwo.getMap("signal-names");
        IMap<String, String> calls = memberTwo.getMap("signal-calls");
        Map<String, String> oldNames = Map.copyOf(names);
        Map<String, String> oldCalls = Map.copyOf(calls);
        tom.disconnect();
        await(() -> received(uma, PeerLeft.class) == 1, "uma hears tom leave");

        names.putAll(oldNames);
        calls.putAll(oldCalls);
        await(() -> names.size() == 1 && calls.isEmpty(), "the played-back entries of tom and his call removed");
        TestClient.loggedIn(one, "tom");
        TestClient caller = TestClient.loggedIn(one, "vic");
        caller.offer("uma");
        await(() -> offersTo(uma) == 2, "uma is not kept busy by a call that ended");
    }

    @Test
    void aCallEntryForgedOverOrDeletedOnTheGridIsPutBack() {
        TestClient ann = TestClient.loggedIn(one, "olga");
        TestClient bob = TestClient.loggedIn(two, "pia");
        ann.offer("pia");
        await(() -> offersTo(bob) == 1, "pia rung");
        IMap<String, String> calls = memberTwo.getMap("signal-calls");
        Map<String, String> authentic = Map.copyOf(calls);

        calls.replaceAll((key, value) -> "forged");
        await(() -> authentic.equals(Map.copyOf(calls)), "both entries put back after a forgery");
        calls.delete(calls.keySet().iterator().next());
        await(() -> authentic.equals(Map.copyOf(calls)), "an entry put back after a delete");

        TestClient third = TestClient.loggedIn(one, "quin");
        third.offer("pia");
        assertEquals("busy", third.outbox().last(ErrorReply.class).code());
    }

    @Test
    void framesForgedOrPlayedAgainOnTheTopicAreCountedAndNeverDelivered() {
        AtomicInteger rejected = countRejections();
        TestClient ann = TestClient.loggedIn(one, "rita");
        TestClient bob = TestClient.loggedIn(two, "sam");
        List<byte[]> captured = framesToTwoWhile(() -> ann.offer("sam"), () -> offersTo(bob) == 1);

        ITopic<Object> toTwo = topicToTwo();
        captured.forEach(toTwo::publish);
        toTwo.publish("DRelayedOffer\n" + "x".repeat(43) + "\n{\"type\":\"offer\"}");
        byte[] tampered = captured.get(0).clone();
        tampered[tampered.length - 1] ^= 1;
        toTwo.publish(tampered);
        await(() -> rejected.get() >= captured.size() + 2, "every forged or repeated frame counted");
        assertEquals(1, offersTo(bob), "nothing but the real offer delivered");
        bob.answer("rita");
        await(() -> received(ann, RelayedAnswer.class) == 1, "real traffic still flows");
    }

    /** The frames an intruder on the grid sees go to instance two while {@code action} runs until {@code done}. */
    private static List<byte[]> framesToTwoWhile(Runnable action, BooleanSupplier done) {
        List<byte[]> captured = new CopyOnWriteArrayList<>();
        ITopic<Object> toTwo = topicToTwo();
        UUID capturing = toTwo.addMessageListener(message -> captured.add((byte[]) message.getMessageObject()));
        action.run();
        await(done, "the message relayed");
        await(() -> !captured.isEmpty(), "a frame seen on the topic");
        toTwo.removeMessageListener(capturing);
        return captured;
    }

    private static ITopic<Object> topicToTwo() {
        return memberOne.getTopic("signal-" + memberTwo.getCluster().getLocalMember().getUuid());
    }

    private AtomicInteger countRejections() {
        AtomicInteger rejected = new AtomicInteger();
        registries.forEach(registry -> registry.onRejected(rejected::incrementAndGet));
        return rejected;
    }

    /** {@code caller} rings {@code callee} on whichever instance and is answered. */
    private static void connect(TestClient caller, String callerName, TestClient callee, String calleeName) {
        caller.offer(calleeName);
        await(() -> offersTo(callee) == 1, calleeName + " rung");
        callee.answer(callerName);
    }

    private static long offersTo(TestClient client) {
        return received(client, RelayedOffer.class);
    }

    /** How many messages of {@code kind} reached the client, from its own instance or forwarded from another. */
    private static long received(TestClient client, Class<? extends ServerMessage> kind) {
        long local = client.outbox().all(kind).size();
        long forwarded = client.outbox().all(Forwarded.class).stream()
                .filter(message -> message.kind() == kind).count();
        return local + forwarded;
    }

    private static void race(List<Runnable> actions) throws Exception {
        Race.run(pool, actions);
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + ARRIVAL.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what + ": not within " + ARRIVAL.toSeconds() + " s");
            pause(Duration.ofMillis(10));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
