package org.callsign.cluster;

import static org.callsign.support.CallSetup.connect;
import static org.callsign.support.CallSetup.ring;
import static org.callsign.support.Messages.answer;
import static org.callsign.support.Messages.candidate;
import static org.callsign.support.Messages.decline;
import static org.callsign.support.Messages.leave;
import static org.callsign.support.Messages.login;
import static org.callsign.support.Messages.offer;
import static org.callsign.support.Messages.users;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.callsign.support.Browsers;
import org.callsign.support.Person;
import org.callsign.support.GridFirewall;
import org.callsign.support.ServerProbe;
import org.callsign.support.ServerProcess;
import org.callsign.support.ServerProcess.GridAddress;
import org.callsign.support.SignalClient;
import org.callsign.support.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three real Payara Micro processes clustered on loopback through their data grid, with the
 * real WAR and {@code signal.cluster.enabled=true}: one namespace, calls across instances (over
 * the wire protocol, and in Chromium with the page from each instance), a network partition that
 * cuts one instance's grid off and heals, and what happens when an instance dies or leaves. Each
 * instance's grid has a loopback address of its own, so that iptables can cut exactly its grid
 * traffic. The partition test runs after the others but the last three: one stops an instance
 * with SIGTERM, the next kills another, and the last starts the stopped one again for a
 * rolling restart in the browser.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    /** docs/protocol.md's promise for a lost instance: its users' peers hear away. */
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(3);
    /** signal.resume-seconds of the instances: short, so that tests can wait it out. */
    private static final Duration RESUME_WINDOW = Duration.ofSeconds(6);
    /** A lost instance's users who did not resume: their peers hear leave and their names are free by then. */
    private static final Duration FREED_LIMIT = RESUME_WINDOW.plus(FAILOVER_LIMIT);
    private static final AtomicInteger UNIQUE = new AtomicInteger();
    /** Media flows peer to peer: the signaling moving to another instance must not pause it this long. */
    private static final Duration FRAME_GAP_LIMIT = Duration.ofSeconds(2);

    /** Detection (10 s without heartbeats) plus the time to act on it, with room for a loaded machine. */
    private static final Duration DETECTION_LIMIT = Duration.ofSeconds(30);
    /** The grid looks for a split-off part every 5 s (ServerProcess); merging then takes a few seconds. */
    private static final Duration MERGE_LIMIT = Duration.ofSeconds(60);

    private static List<GridAddress> grids;
    private static ServerProcess one;
    private static ServerProcess two;
    private static ServerProcess three;
    /** Clustering on, but booted with the single-instance file, which turns the data grid off. */
    private static ServerProcess withoutGrid;
    /** Clustering on with a secret one byte short of docs/protocol.md rule 35's minimum. */
    private static ServerProcess shortSecret;

    @BeforeAll
    static void startThreeInstances() {
        grids = List.of(new GridAddress("127.0.0.2", ServerProcess.freePort()),
                new GridAddress("127.0.0.3", ServerProcess.freePort()),
                new GridAddress("127.0.0.4", ServerProcess.freePort()));
        one = instance("cluster-one", 0).launch();
        two = instance("cluster-two", 1).launch();
        three = instance("cluster-three", 2).launch();
        withoutGrid = ServerProcess.payaraMicro("cluster-without-grid", List.of("-Dsignal.cluster.enabled=true",
                "-Dsignal.cluster.secret=" + ServerProcess.CLUSTER_SECRET)).launch();
        int aloneOnItsGrid = ServerProcess.freePort();
        shortSecret = ServerProcess.clusterInstance("cluster-short-secret", aloneOnItsGrid, List.of(aloneOnItsGrid),
                List.of("-Dsignal.cluster.secret=" + "s".repeat(31))).launch();
        one.awaitPage();
        two.awaitPage();
        three.awaitPage();
    }

    @AfterAll
    static void stopInstances() {
        one.close();
        two.close();
        three.close();
        withoutGrid.close();
        shortSecret.close();
    }

    private static ServerProcess instance(String name, int index) {
        // Rate limits high enough for a thousand messages sent at once, and room for the hundred
        // connections per instance a test opens from 127.0.0.1: limits are LimitsIT's subject.
        return ServerProcess.clusterInstance(name, grids.get(index), grids,
                List.of("-Dsignal.rate.messages-per-second=100000", "-Dsignal.rate.burst=100000",
                        "-Dsignal.max-sessions-per-address=1000", "-Dsignal.resume-seconds=" + RESUME_WINDOW.toSeconds()));
    }

    /** A name no other test uses, so tests sharing the cluster do not collide. */
    private static String name(String base) {
        return base + UNIQUE.incrementAndGet();
    }

    @Test
    @Order(0)
    void clusteringWithoutADataGridFailsTheDeploymentWithTheReason() {
        withoutGrid.awaitLog("signal.cluster.enabled is true, but this server has no data grid", Duration.ofSeconds(120));
        assertTrue(withoutGrid.pageStatus() != 200, "the application must not be served half-working");
        withoutGrid.close();
    }

    @Test
    @Order(0)
    void clusteringWithAShortSecretFailsTheDeploymentWithTheReason() {
        shortSecret.awaitLog("signal.cluster.secret is 31 bytes; it must be at least 32", Duration.ofSeconds(120));
        assertTrue(shortSecret.pageStatus() != 200, "an instance without a proper secret must not serve anyone");
        shortSecret.close();
    }

    @Test
    @Order(1)
    void aCallAcrossInstancesGoesAsOnOneInstance() {
        String ann = name("ann");
        String ben = name("ben");
        try (SignalClient caller = SignalClient.loggedIn(one.signal(), ann);
             SignalClient callee = SignalClient.loggedIn(two.signal(), ben)) {
            caller.send(offer(ben, "v=0 offer"));
            JsonObject offer = callee.awaitType("offer");
            assertEquals(ann, offer.getString("name"));
            assertEquals("v=0 offer", offer.getJsonObject("offer").getString("sdp"));

            callee.send(answer(ann, "v=0 answer"));
            assertEquals(ben, caller.awaitType("answer").getString("name"));
            caller.send(candidate(ben, "candidate:from-ann"));
            callee.send(candidate(ann, "candidate:from-ben"));
            assertEquals("candidate:from-ann", callee.awaitType("candidate").getJsonObject("candidate").getString("candidate"));
            assertEquals("candidate:from-ben", caller.awaitType("candidate").getJsonObject("candidate").getString("candidate"));

            // Busy holds across instances too: a third person on instance one cannot ring ben.
            try (SignalClient third = SignalClient.loggedIn(one.signal(), name("cy"))) {
                third.send(offer(ben, "v=0"));
                third.awaitError("busy");
                third.send(offer(name("nobody"), "v=0"));
                third.awaitError("user-not-found");
            }
            callee.expectNothing(Duration.ofMillis(200));

            callee.send(leave());
            assertEquals(ben, caller.awaitType("leave").getString("name"));
            caller.send(candidate(ben, "candidate:late"));
            caller.awaitError("not-in-call");
        }
    }

    @Test
    @Order(2)
    void twoPeopleOnPagesOfDifferentInstancesCallAndSeeEachOther() throws Exception {
        try (Browsers browsers = Browsers.launch()) {
            Person alice = browsers.open(one.base().toURL(), "?test=1").signIn(name("alice"));
            Person bob = browsers.open(two.base().toURL(), "?test=1").signIn(name("bob"));
            alice.seesOnline(bob);

            alice.call(bob);
            bob.sees("ringing");
            bob.accept();
            for (Person side : List.of(alice, bob)) {
                side.sees("in-call");
                side.awaitFramesDecodedAbove(10);
                assertTrue(side.remoteVideoIsReceived(), "the remote video shows the peer's frames");
            }
            bob.hangUp();
            bob.seesCallEnded("You hung up.");
            alice.seesCallEnded(bob.name() + " hung up.");
            assertEquals(List.of(), browsers.unexpectedConsoleErrors(), "console errors");
        }
    }

    @Test
    @Order(3)
    void aDeclineAcrossInstancesFreesBothSides() {
        String dee = name("dee");
        String eve = name("eve");
        try (SignalClient caller = SignalClient.loggedIn(two.signal(), dee);
             SignalClient callee = SignalClient.loggedIn(one.signal(), eve)) {
            ring(caller, dee, callee, eve);
            callee.send(decline(dee));
            assertEquals(eve, caller.awaitType("decline").getString("name"));

            callee.send(offer(dee, "v=0 back"));
            assertEquals(eve, caller.awaitType("offer").getString("name"), "both are free after the decline");
        }
    }

    @Test
    @Order(4)
    void aThousandMessagesEachWayArriveInOrder() throws Exception {
        String fay = name("fay");
        String gus = name("gus");
        int count = 1000;
        try (SignalClient left = SignalClient.loggedIn(one.signal(), fay);
             SignalClient right = SignalClient.loggedIn(two.signal(), gus)) {
            connect(left, fay, right, gus);

            ExecutorService senders = Executors.newFixedThreadPool(2);
            try {
                Future<?> fromLeft = senders.submit(() -> sendNumbered(left, gus, count));
                Future<?> fromRight = senders.submit(() -> sendNumbered(right, fay, count));
                fromLeft.get();
                fromRight.get();
            } finally {
                senders.shutdown();
            }
            for (int i = 0; i < count; i++) {
                assertEquals("candidate:" + i, right.awaitType("candidate").getJsonObject("candidate").getString("candidate"));
                assertEquals("candidate:" + i, left.awaitType("candidate").getJsonObject("candidate").getString("candidate"));
            }
        }
    }

    private static void sendNumbered(SignalClient from, String to, int count) {
        for (int i = 0; i < count; i++) {
            from.send(candidate(to, "candidate:" + i));
        }
    }

    @Test
    @Order(5)
    void twoHundredRacingLoginsOnBothInstancesLeaveEachNameWithExactlyOneHolder() throws Exception {
        int names = 100;
        String prefix = name("race") + "-";
        List<SignalClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < names; i++) {
                clients.add(SignalClient.connect(one.signal()));
                clients.add(SignalClient.connect(two.signal()));
            }
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Boolean>> accepted = new ArrayList<>();
            try {
                for (int i = 0; i < clients.size(); i++) {
                    SignalClient client = clients.get(i);
                    // The two clients of a name differ in case: names are unique ignoring case.
                    String raced = prefix + i / 2;
                    String spelled = i % 2 == 0 ? raced : raced.toUpperCase(Locale.ROOT);
                    accepted.add(pool.submit(() -> {
                        start.await();
                        client.send(login(spelled));
                        JsonObject reply = client.awaitType("login");
                        assertTrue(reply.getBoolean("success") || "name-taken".equals(reply.getString("code")),
                                reply::toString);
                        return reply.getBoolean("success");
                    }));
                }
                start.countDown();
                for (int i = 0; i < names; i++) {
                    int winners = (accepted.get(2 * i).get() ? 1 : 0) + (accepted.get(2 * i + 1).get() ? 1 : 0);
                    assertEquals(1, winners, "holders of " + prefix + i);
                }
            } finally {
                pool.shutdown();
            }
            for (ServerProcess instance : List.of(one, two)) {
                assertEquals(names, listed(instance, prefix), "users on " + instance.base());
            }
        } finally {
            clients.forEach(SignalClient::close);
        }
    }

    /** How many names {@code users} reports for {@code prefix}, asked through {@code instance}. */
    private static int listed(ServerProcess instance, String prefix) {
        try (SignalClient asker = SignalClient.loggedIn(instance.signal(), name("asker"))) {
            asker.send(users(prefix));
            JsonObject list = asker.awaitType("users");
            assertEquals(list.getInt("total"), list.getJsonArray("users").size());
            List<String> listedNames = list.getJsonArray("users").getValuesAs(JsonString::getString);
            assertEquals(listedNames.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), listedNames);
            return list.getInt("total");
        }
    }

    @Test
    @Order(6)
    void aTokenFromOneInstanceTakesTheNameOverThroughTheOtherKeepingTheCall() {
        String hal = name("hal");
        String ida = name("ida");
        try (SignalClient old = SignalClient.connect(one.signal());
             SignalClient peer = SignalClient.loggedIn(one.signal(), ida)) {
            old.send(login(hal));
            String token = old.awaitType("login").getString("token");
            ring(old, hal, peer, ida);

            try (SignalClient reloaded = SignalClient.connect(two.signal())) {
                reloaded.send(login(hal.toUpperCase(Locale.ROOT), token));
                JsonObject reply = reloaded.awaitType("login");
                assertTrue(reply.getBoolean("success"), reply::toString);

                CloseReason closed = old.awaitClose(SignalClient.WAIT);
                assertEquals(4001, closed.getCloseCode().getCode());
                // Version 1.1 keeps the call (docs/protocol.md rule 25): the peer hears back, and
                // its next offer is a renegotiation with the new connection.
                assertEquals(hal.toUpperCase(Locale.ROOT), peer.awaitType("back").getString("name"));

                try (SignalClient intruder = SignalClient.connect(one.signal())) {
                    intruder.send(login(hal));
                    assertEquals("name-taken", intruder.awaitType("login").getString("code"),
                            "the old connection's close must not free the new holder's name");
                }
                peer.send(offer(hal, "v=0 again"));
                assertEquals(ida, reloaded.awaitType("offer").getString("name"));
            }
        }
    }

    @Test
    @Order(7)
    void callsGoBetweenEveryPairOfTheThreeInstances() {
        List<ServerProcess> instances = List.of(one, two, three);
        for (int i = 0; i < instances.size(); i++) {
            ServerProcess from = instances.get(i);
            ServerProcess to = instances.get((i + 1) % instances.size());
            String caller = name("pat");
            String callee = name("quin");
            try (SignalClient left = SignalClient.loggedIn(from.signal(), caller);
                 SignalClient right = SignalClient.loggedIn(to.signal(), callee)) {
                connect(left, caller, right, callee);
                left.send(candidate(callee, "candidate:from-" + caller));
                right.send(candidate(caller, "candidate:from-" + callee));
                assertEquals("candidate:from-" + caller,
                        right.awaitType("candidate").getJsonObject("candidate").getString("candidate"), from + " to " + to);
                assertEquals("candidate:from-" + callee,
                        left.awaitType("candidate").getJsonObject("candidate").getString("candidate"), to + " to " + from);
                right.send(leave());
                assertEquals(callee, left.awaitType("leave").getString("name"));
            }
        }
    }

    /**
     * Instance three's data grid is cut off from the two others (iptables drops the grid traffic
     * between their loopback addresses; HTTP stays reachable) for longer than the grid takes to
     * declare it lost, then let through again until the cluster has merged back.
     */
    @Test
    @Order(8)
    void aPartitionLeavesEachSideWorkingAndAfterTheHealEachNameHasOneHolderAndTheCallsCountIsTrue() throws Exception {
        GridAddress isolated = grids.get(2);
        String xan = name("xan");
        String zed = name("zed");
        String pia = name("pia");
        String rex = name("rex");
        String sam = name("sam");
        String tia = name("tia");
        String uma = name("uma");
        String vic = name("vic");
        List<SignalClient> clients = new ArrayList<>();
        try (GridFirewall firewall = GridFirewall.forInstance(isolated)) {
            // The cut works only if each instance's grid connections leave from its own address.
            List<String> connections = new ArrayList<>();
            for (GridAddress grid : grids) {
                for (String source : GridFirewall.connectionSources(grid)) {
                    connections.add(source + "->" + grid);
                    assertTrue(grids.stream().anyMatch(other -> !other.equals(grid) && other.host().equals(source)),
                            "a connection to the grid at " + grid + " comes from " + source);
                }
            }
            assertTrue(connections.size() >= 2, "grid connections between the three: " + connections);
            // Before the split: xan (on three) holds a name the majority will free and give away
            // (the earlier claim wins it back after the heal);
            // zed (on three) keeps its name; pia and rex (both on three) are in a call that goes
            // on; sam (one) and tia (three) are in a call the split ends; uma (one) and vic (two)
            // are in a call that ends while the sides are apart.
            SignalClient xanOnThree = logIn(clients, three, xan);
            SignalClient zedOnThree = logIn(clients, three, zed);
            SignalClient piaOnThree = logIn(clients, three, pia);
            SignalClient rexOnThree = logIn(clients, three, rex);
            SignalClient samOnOne = logIn(clients, one, sam);
            SignalClient tiaOnThree = logIn(clients, three, tia);
            SignalClient umaOnOne = logIn(clients, one, uma);
            SignalClient vicOnTwo = logIn(clients, two, vic);
            connect(piaOnThree, pia, rexOnThree, rex);
            connect(samOnOne, sam, tiaOnThree, tia);
            connect(umaOnOne, uma, vicOnTwo, vic);

            int oneMark = one.logMark();
            int threeMark = three.logMark();
            long cut = System.nanoTime();
            firewall.cutOff(isolated, List.of(grids.get(0), grids.get(1)));

            // While the other side is not yet declared lost, grid operations that need it wait:
            // not ready, on the cut-off instance and on the others (which own no copy of some of
            // three's partitions yet).
            long notReady = awaitStatus(three, "health/ready", 503, DETECTION_LIMIT) - cut;
            long majorityNotReady = awaitStatus(one, "health/ready", 503, DETECTION_LIMIT) - cut;
            one.awaitLog(oneMark, "left, 2 in all", DETECTION_LIMIT);
            long majorityDetected = System.nanoTime() - cut;
            three.awaitLog(threeMark, "left, 1 in all", DETECTION_LIMIT);
            long isolatedDetected = System.nanoTime() - cut;

            // Each side makes the other side's users away at once; once the resume window has
            // passed, it ends the calls across the cut and frees the other side's names.
            assertEquals(tia, samOnOne.awaitType("away").getString("name"));
            assertEquals(sam, tiaOnThree.awaitType("away").getString("name"));
            SignalClient xanOnOne = logInOnceFree(clients, one, xan);
            assertEquals(tia, awaitLeave(samOnOne).getString("name"));
            assertEquals(sam, awaitLeave(tiaOnThree).getString("name"));

            // Each side goes on for its own users.
            callAndHangUp(one, two);
            umaOnOne.send(leave());
            assertEquals(uma, vicOnTwo.awaitType("leave").getString("name"));
            callAndHangUp(three, zedOnThree, zed);
            piaOnThree.send(candidate(rex, "candidate:while-apart"));
            assertEquals("candidate:while-apart", rexOnThree.awaitType("candidate").getJsonObject("candidate").getString("candidate"));
            awaitStatus(three, "health/ready", 200, DETECTION_LIMIT);
            awaitStatus(one, "health/ready", 200, DETECTION_LIMIT);

            oneMark = one.logMark();
            threeMark = three.logMark();
            long healed = System.nanoTime();
            firewall.heal();
            three.awaitLog(threeMark, "cluster: merged back after a partition", MERGE_LIMIT);
            long merged = System.nanoTime() - healed;
            one.awaitLog(oneMark, "joined, 3 in all", MERGE_LIMIT);
            String checked = three.awaitLog(threeMark, "cluster: names checked after the merge", MERGE_LIMIT);

            // xan was held twice: the earlier claim (on three, before the split) keeps the name,
            // the later one (on one, made while three seemed lost) is closed as replaced.
            CloseReason closed = xanOnOne.awaitClose(SignalClient.WAIT);
            assertEquals(4001, closed.getCloseCode().getCode(), closed::toString);
            assertEquals("name claimed earlier elsewhere", closed.getReasonPhrase(), "the reason the page explains");
            try (SignalClient intruder = SignalClient.connect(two.signal())) {
                intruder.send(login(xan));
                assertEquals("name-taken", intruder.awaitType("login").getString("code"));
            }
            callAndHangUp(two, xanOnThree, xan);
            // zed kept its name on three and is reachable from the majority side again.
            callAndHangUp(one, zedOnThree, zed);
            // Each instance lists the whole cluster again.
            assertEquals(1, listed(three, uma), "three lists a name held on one");
            assertEquals(1, listed(one, zed), "one lists a name held on three");
            // Only pia and rex are in a call: the calls across the cut are gone on both sides,
            // and uma and vic's call, ended while apart, did not come back with the merge.
            for (ServerProcess instance : List.of(one, two, three)) {
                ServerProbe probe = new ServerProbe(instance.base().toURL());
                assertEquals(1.0, probe.awaitMetric("signal_calls", "state=\"connected\"", 1.0, SignalClient.WAIT),
                        "calls connected, as " + instance.base() + " counts them");
                assertEquals(0.0, probe.awaitMetric("signal_calls", "state=\"ringing\"", 0.0, SignalClient.WAIT),
                        "calls ringing, as " + instance.base() + " counts them");
                assertEquals(200, instance.status("health/ready"), "ready: " + instance.base());
            }
            connect(umaOnOne, uma, vicOnTwo, vic);
            System.out.printf("cluster partition: three not ready %d ms after the cut, one %d ms; declared lost by one after"
                    + " %d ms, three alone after %d ms; merged %d ms after the heal; %s%n", notReady / 1_000_000,
                    majorityNotReady / 1_000_000, majorityDetected / 1_000_000, isolatedDetected / 1_000_000, merged / 1_000_000, checked);
        } finally {
            clients.forEach(SignalClient::close);
        }
    }

    private static SignalClient logIn(List<SignalClient> clients, ServerProcess instance, String name) {
        SignalClient client = SignalClient.loggedIn(instance.signal(), name);
        clients.add(client);
        return client;
    }

    /** Logs in as {@code name} through {@code instance} as soon as the name is free. */
    private static SignalClient logInOnceFree(List<SignalClient> clients, ServerProcess instance, String name) {
        long deadline = System.nanoTime() + FREED_LIMIT.toNanos();
        while (true) {
            SignalClient client = SignalClient.connect(instance.signal());
            client.send(login(name));
            JsonObject reply = client.awaitType("login");
            if (reply.getBoolean("success")) {
                clients.add(client);
                return client;
            }
            client.close();
            assertEquals("name-taken", reply.getString("code"));
            assertTrue(System.nanoTime() < deadline, name + " still taken " + FREED_LIMIT.toSeconds() + " s on");
        }
    }

    /** A call from someone on {@code from} to someone on {@code to}: offer and answer arrive, then leave. */
    private static void callAndHangUp(ServerProcess from, ServerProcess to) {
        String callee = name("yul");
        try (SignalClient right = SignalClient.loggedIn(to.signal(), callee)) {
            callAndHangUp(from, right, callee);
        }
    }

    /** Someone on {@code from} calls {@code callee}: offer and answer arrive, then the caller hangs up. */
    private static void callAndHangUp(ServerProcess from, SignalClient callee, String calleeName) {
        String caller = name("ash");
        try (SignalClient left = SignalClient.loggedIn(from.signal(), caller)) {
            connect(left, caller, callee, calleeName);
            left.send(leave());
            assertEquals(caller, callee.awaitType("leave").getString("name"));
        }
    }

    /** Asks {@code path} until it answers {@code status}; returns when, failing after {@code within}. */
    private static long awaitStatus(ServerProcess instance, String path, int status, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int last = instance.status(path);
        while (last != status) {
            assertTrue(System.nanoTime() < deadline, instance.base() + path + " still " + last + ", not " + status);
            Thread.sleep(100);
            last = instance.status(path);
        }
        return System.nanoTime();
    }

    @Test
    @Order(9)
    void whenAnInstanceStopsItsUsersResumeThroughAnotherAndTheirCallsGoOn() throws Exception {
        callsOutliveTheLossOf(two, () -> two.terminate(Duration.ofSeconds(60)), "SIGTERM");
    }

    @Test
    @Order(10)
    void whenAnInstanceDiesItsUsersResumeThroughAnotherAndTheirCallsGoOn() throws Exception {
        callsOutliveTheLossOf(three, three::kill, "kill -9");
    }

    /**
     * A rolling restart as people see it: alice and bob call each other in Chromium through a load
     * balancer (the test's proxy) that sends them to instance two, started again for this. The
     * balancer is turned to instance one and two is stopped with SIGTERM: media goes on peer to
     * peer, both pages reconnect through one after two's 1001 and resume the call with their
     * tokens, and a hang-up afterwards ends it on both sides.
     */
    @Test
    @Order(11)
    void duringARollingRestartThePagesMoveToTheSurvivingInstanceAndTheCallGoesOn() throws Exception {
        try (Browsers browsers = Browsers.launch(); TcpProxy balancer = TcpProxy.to(two.base())) {
            int oneMark = one.logMark();
            two.launch().awaitPage();
            one.awaitLog(oneMark, "joined, 2 in all", DETECTION_LIMIT);
            // Opened on 127.0.0.1, the page is a secure context, which the camera needs.
            URL page = balancer.uri(two.base()).toURL();
            Person alice = browsers.open(page, "?test=1").signIn(name("alice"));
            Person bob = browsers.open(page, "?test=1").signIn(name("bob"));
            alice.call(bob);
            bob.sees("ringing");
            bob.accept();
            List<Person> both = List.of(alice, bob);
            Map<Person, Integer> framesBefore = new HashMap<>();
            Map<Person, Integer> loginsBefore = new HashMap<>();
            for (Person side : both) {
                side.sees("in-call");
                side.awaitFramesDecodedAbove(0);
                side.watchFrameGaps();
                framesBefore.put(side, side.framesDecoded());
                loginsBefore.put(side, side.sent("login"));
            }

            balancer.pointAt(one.base());
            long stopped = System.nanoTime();
            two.terminate(Duration.ofSeconds(60));
            // Two is gone and the balancer sends new connections to one: once both pages have
            // logged in again, pages that show neither banner nor call note (such as "waiting for
            // the peer to come back") have resumed their call through one.
            for (Person side : both) {
                side.awaitSentMoreThan("login", loginsBefore.get(side));
            }
            for (Person side : both) {
                side.seesNoBanner();
                side.seesCallNote("");
                side.sees("in-call");
            }
            long backMs = (System.nanoTime() - stopped) / 1_000_000;
            for (Person side : both) {
                side.awaitFramesDecodedAbove(framesBefore.get(side) + 30);
            }
            System.out.printf("rolling restart in the browser: both pages back through the survivor %d ms after the SIGTERM;"
                    + " longest frame gap: caller %d ms, callee %d ms%n", backMs, alice.longestFrameGapMs(),
                    bob.longestFrameGapMs());
            for (Person side : both) {
                assertTrue(side.longestFrameGapMs() < FRAME_GAP_LIMIT.toMillis(),
                        side.name() + " went " + side.longestFrameGapMs() + " ms without a frame");
            }

            alice.hangUp();
            alice.seesCallEnded("You hung up.");
            bob.seesCallEnded(alice.name() + " hung up.");
            assertEquals(List.of(), browsers.unexpectedConsoleErrors(), "console errors");
        }
    }

    /**
     * Two people on {@code doomed}, each in a call with someone on instance one; then {@code loss}.
     * Both peers hear away. One of the two resumes through instance one with its token: the
     * reply has its call, its peer hears back, and the call goes on both ways. The other does
     * not: once the resume window has passed its peer hears leave (instance-lost) and its name is free.
     */
    private static void callsOutliveTheLossOf(ServerProcess doomed, Runnable loss, String how) throws Exception {
        String moving = name("mo");
        String waiting = name("wyn");
        String gone = name("gia");
        String deserted = name("des");
        try (SignalClient onDoomed = SignalClient.connect(doomed.signal());
             SignalClient peer = SignalClient.loggedIn(one.signal(), waiting);
             SignalClient lost = SignalClient.loggedIn(doomed.signal(), gone);
             SignalClient lostPeer = SignalClient.loggedIn(one.signal(), deserted)) {
            String token = onDoomed.logIn(moving).getString("token");
            connect(onDoomed, moving, peer, waiting);
            connect(lost, gone, lostPeer, deserted);

            long start = System.nanoTime();
            CompletableFuture<Void> going = CompletableFuture.runAsync(loss);
            assertEquals(moving, next(peer, "away", FAILOVER_LIMIT).getString("name"));
            long awayHeard = System.nanoTime() - start;
            assertEquals(gone, next(lostPeer, "away", FAILOVER_LIMIT).getString("name"));
            going.get();

            try (SignalClient resumed = SignalClient.connect(one.signal())) {
                long resuming = System.nanoTime();
                resumed.send(login(moving, token));
                JsonObject reply = resumed.awaitType("login");
                assertTrue(reply.getBoolean("resumed"), reply::toString);
                assertEquals(waiting, reply.getJsonObject("call").getString("peer"), reply::toString);
                assertEquals(moving, peer.awaitType("back").getString("name"));
                long backHeard = System.nanoTime() - resuming;
                resumed.send(candidate(waiting, "candidate:after-resume"));
                peer.send(candidate(moving, "candidate:to-the-resumed"));
                assertEquals("candidate:after-resume", peer.awaitType("candidate").getJsonObject("candidate").getString("candidate"));
                assertEquals("candidate:to-the-resumed",
                        resumed.awaitType("candidate").getJsonObject("candidate").getString("candidate"));

                assertEquals(gone, awaitLeave(lostPeer).getString("name"));
                long leaveHeard = System.nanoTime() - start;
                assertTrue(leaveHeard >= RESUME_WINDOW.toNanos(), "leave only once the window passed: " + leaveHeard / 1_000_000 + " ms");
                awaitLoginPossible(one.signal(), gone);
                peer.expectNothing(Duration.ofMillis(200));
                peer.send(leave());
                assertEquals(waiting, resumed.awaitType("leave").getString("name"), "the resumed call ends as any other");
                System.out.printf("cluster %s: peer heard away %d ms after the signal; back %d ms after the resume's login;"
                        + " the other peer heard leave (instance-lost) %d ms after the signal%n", how, awayHeard / 1_000_000,
                        backHeard / 1_000_000, leaveHeard / 1_000_000);
            }
        }
    }

    /** The next message, which must be of {@code type} and arrive within {@code within}. */
    private static JsonObject next(SignalClient client, String type, Duration within) {
        JsonObject next = client.poll(within);
        assertTrue(next != null && type.equals(next.getString("type")),
                () -> "expected " + type + " within " + within.toMillis() + " ms, got " + next);
        return next;
    }

    /** The next message, which must be leave for a user of a lost instance who did not resume in time. */
    private static JsonObject awaitLeave(SignalClient client) {
        JsonObject leave = next(client, "leave", FREED_LIMIT);
        assertEquals("instance-lost", leave.getString("reason"), leave::toString);
        return leave;
    }

    /** Tries to log in as {@code name} until it works, failing past the failover limit. */
    private static void awaitLoginPossible(URI signal, String name) {
        long deadline = System.nanoTime() + FAILOVER_LIMIT.toNanos();
        while (true) {
            try (SignalClient client = SignalClient.connect(signal)) {
                client.send(login(name));
                JsonObject reply = client.awaitType("login");
                if (reply.getBoolean("success")) {
                    return;
                }
                assertEquals("name-taken", reply.getString("code"));
            }
            assertTrue(System.nanoTime() < deadline, name + " still taken " + FAILOVER_LIMIT.toSeconds() + " s on");
        }
    }
}
