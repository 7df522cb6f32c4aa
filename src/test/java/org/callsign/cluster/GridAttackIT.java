package org.callsign.cluster;

import static org.callsign.support.CallSetup.connect;
import static org.callsign.support.Messages.answer;
import static org.callsign.support.Messages.candidate;
import static org.callsign.support.Messages.leave;
import static org.callsign.support.Messages.login;
import static org.callsign.support.Messages.offer;
import static org.callsign.support.Messages.users;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.callsign.support.ServerProbe;
import org.callsign.support.ServerProcess;
import org.callsign.support.SignalClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * docs/protocol.md rule 35 against someone who reaches the data-grid port: a plain Hazelcast
 * client (the version Payara embeds, none of our classes) that knows the addresses and the
 * cluster's name, but not {@code signal.cluster.secret}, attacks a two-instance cluster. It must
 * not learn who is online, reach anyone's page, close anyone's connection, or take or redirect a
 * live user's name; what it sends is counted and logged, once per source.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GridAttackIT {

    private static final String CLUSTER_NAME = "callsign-test";
    /** How long a forged message gets to show up where it must not: a relay on loopback takes milliseconds. */
    private static final Duration QUIET = Duration.ofMillis(600);
    /** How long an instance may take to notice its name entry was tampered with and put it back. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    /** How many forged copies of each message go to each topic: far more than the warnings allowed. */
    private static final int COPIES = 10;
    /** Warnings about rejected grid data one instance may log for the whole class: once per source, not per message. */
    private static final int MAX_REJECTION_WARNINGS = 10;
    /** Warnings and errors of any logger one instance may log for the whole class. */
    private static final int MAX_COMPLAINTS = 20;
    /*
     * Letters only, and none that UTS #39 folds into another (rn→m, cl→d, vv→w, 1→l, 0→O): a
     * name key that is the name's confusable skeleton still spells the name, so a clear key would
     * be found by the searches below.
     */
    private static final String LETTERS = "abdefghkpqstxyz";
    private static final String RUN = randomLetters(5);
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static List<Integer> gridPorts;
    private static ServerProcess one;
    private static ServerProcess two;
    private static List<Integer> logStart;
    private static GridIntruder intruder;

    @BeforeAll
    static void startTwoInstancesAndAnIntruder() {
        gridPorts = List.of(ServerProcess.freePort(), ServerProcess.freePort());
        one = ServerProcess.clusterInstance("grid-attack-one", gridPorts.get(0), gridPorts, List.of()).launch();
        two = ServerProcess.clusterInstance("grid-attack-two", gridPorts.get(1), gridPorts, List.of()).launch();
        one.awaitPage();
        two.awaitPage();
        // Each run appends to the same log files: the warnings counted at the end are this run's.
        logStart = List.of(one.log().length(), two.log().length());
        intruder = GridIntruder.connect(CLUSTER_NAME, gridPorts);
        assertEquals(2, intruder.members(), "instances in the cluster the intruder reached");
    }

    @AfterAll
    static void stopAll() {
        if (intruder != null) {
            intruder.close();
        }
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
    }

    @Test
    @Order(1)
    void theGridShowsAnOutsiderNoNameAndNoSessionDescriptionWhileACallCrossesInstances() throws Exception {
        String ann = name("ann");
        String ben = name("ben");
        String sdpOffer = "v=0 o=- sdpsecret-" + RUN + " offer";
        String sdpAnswer = "v=0 o=- sdpsecret-" + RUN + " answer";
        String address = "192.0.2.77";
        String candidateLine = "candidate:4233069003 1 udp 2122260223 " + address + " 54400 typ host";
        List<String> secrets = List.of(ann, ben, "sdpsecret-" + RUN, address);
        try (SignalClient caller = SignalClient.loggedIn(one.signal(), ann);
             SignalClient callee = SignalClient.loggedIn(two.signal(), ben);
             GridIntruder.Capture capture = intruder.capture()) {
            caller.send(offer(ben, sdpOffer));
            assertEquals(sdpOffer, callee.awaitType("offer").getJsonObject("offer").getString("sdp"));
            callee.send(answer(ann, sdpAnswer));
            assertEquals(sdpAnswer, caller.awaitType("answer").getJsonObject("answer").getString("sdp"));
            caller.send(candidate(ben, candidateLine));
            callee.send(candidate(ann, candidateLine));
            callee.awaitType("candidate");
            caller.awaitType("candidate");
            List<GridIntruder.Captured> frames = capture.awaitAtLeast(4, SignalClient.WAIT);
            assertTrue(frames.size() >= 4, () -> "a call across instances must pass the signal-* topics; captured "
                    + frames + "; objects " + intruder.objects());

            List<String> leaks = new ArrayList<>();
            for (String object : intruder.objects()) {
                leaksIn("object name " + object, object, secrets, leaks);
            }
            for (String mapName : intruder.mapNames()) {
                Map<Object, Object> entries;
                try {
                    entries = intruder.entries(mapName);
                } catch (RuntimeException unreadable) {
                    // A map of Payara's own whose classes this client lacks: it cannot read it either.
                    continue;
                }
                entries.forEach((key, value) -> {
                    leaksIn("key of " + mapName, GridIntruder.readable(key), secrets, leaks);
                    leaksIn("value of " + mapName + " at " + GridIntruder.readable(key),
                            GridIntruder.readable(value), secrets, leaks);
                });
            }
            for (GridIntruder.Captured frame : frames) {
                leaksIn("topic " + frame.topic().getName(), GridIntruder.readable(frame.message()), secrets, leaks);
            }
            assertEquals(List.of(), leaks, "what an outsider on the grid reads in clear");
        }
    }

    @Test
    @Order(2)
    void forgedAndReplayedDeliveriesOnTheTopicsReachNoPage() throws Exception {
        String peerName = name("pat");
        String victimName = name("vera");
        try (SignalClient peer = SignalClient.loggedIn(one.signal(), peerName);
             SignalClient victim = SignalClient.connect(two.signal())) {
            String victimId = memberId(victim.logIn(victimName).getString("token"));
            List<GridIntruder.Captured> captured;
            try (GridIntruder.Capture capture = intruder.capture()) {
                connect(peer, peerName, victim, victimName);
                peer.send(candidate(victimName, "candidate:real-before"));
                victim.send(candidate(peerName, "candidate:real-before"));
                assertEquals("candidate:real-before", candidateOf(victim.awaitType("candidate")));
                assertEquals("candidate:real-before", candidateOf(peer.awaitType("candidate")));
                captured = capture.awaitAtLeast(4, SignalClient.WAIT);
            }
            assertTrue(captured.size() >= 4, () -> "a call across instances must pass the signal-* topics; captured "
                    + captured);

            List<ITopic<Object>> topics = intruder.topics();
            for (int i = 0; i < COPIES; i++) {
                for (String forged : List.of(
                        deliveryToday("RelayedOffer", victimId, forgedOffer(peerName)),
                        deliveryToday("RelayedOffer", victimId, forgedOffer("mallory")),
                        deliveryToday("RelayedAnswer", victimId, Json.createObjectBuilder().add("type", "answer")
                                .add("name", peerName).add("answer", Json.createObjectBuilder()
                                        .add("type", "answer").add("sdp", "v=0 forged answer")).build()),
                        deliveryToday("RelayedCandidate", victimId, Json.createObjectBuilder().add("type", "candidate")
                                .add("name", peerName).add("candidate", Json.createObjectBuilder()
                                        .add("candidate", "candidate:forged 1 udp 1 203.0.113.9 9 typ host")
                                        .add("sdpMid", "0").add("sdpMLineIndex", 0)).build()))) {
                    publish(topics, forged);
                    publish(topics, forged.getBytes(StandardCharsets.UTF_8));
                }
                publish(topics, randomBytes(64));
                publish(topics, randomBytes(1024));
                replay(captured);
            }

            victim.expectNothing(QUIET);
            peer.expectNothing(Duration.ofMillis(100));
            // Real traffic still flows, and what arrives next is exactly it.
            peer.send(candidate(victimName, "candidate:real-after"));
            assertEquals("candidate:real-after", candidateOf(victim.awaitType("candidate")));
            victim.send(candidate(peerName, "candidate:real-after"));
            assertEquals("candidate:real-after", candidateOf(peer.awaitType("candidate")));
            victim.expectNothing(Duration.ofMillis(200));
        }
    }

    @Test
    @Order(3)
    void forgedAndReplayedClosesOnTheTopicsCloseNobody() throws Exception {
        String peerName = name("quentin");
        String victimName = name("viktor");
        String movingName = name("hedda");
        try (SignalClient peer = SignalClient.loggedIn(one.signal(), peerName);
             SignalClient victim = SignalClient.connect(two.signal());
             SignalClient third = SignalClient.loggedIn(one.signal(), name("tessa"))) {
            String victimId = memberId(victim.logIn(victimName).getString("token"));
            List<GridIntruder.Captured> captured;
            try (GridIntruder.Capture capture = intruder.capture();
                 SignalClient moving = SignalClient.connect(two.signal())) {
                connect(peer, peerName, victim, victimName);
                // A real takeover across instances, so that a real close request is among the captured frames.
                String token = moving.logIn(movingName).getString("token");
                try (SignalClient moved = SignalClient.connect(one.signal())) {
                    moved.send(login(movingName, token));
                    assertTrue(moved.awaitType("login").getBoolean("success"));
                    assertEquals(4001, moving.awaitClose(SignalClient.WAIT).getCloseCode().getCode());
                }
                captured = capture.awaitAtLeast(3, SignalClient.WAIT);
            }

            List<ITopic<Object>> topics = intruder.topics();
            for (int i = 0; i < COPIES; i++) {
                for (String code : List.of("REPLACED", "SHUTTING_DOWN", "IDLE", "FLOODING", "SLOW_READER",
                        "LOGIN_TIMEOUT", "TOO_BIG", "SERVER_FULL")) {
                    String forged = "C" + code + "\n" + victimId;
                    publish(topics, forged);
                    publish(topics, forged.getBytes(StandardCharsets.UTF_8));
                }
                replay(captured);
            }

            victim.expectNothing(QUIET);
            assertTrue(victim.isOpen(), () -> victimName + "'s connection was closed by an outsider's message: "
                    + victim.awaitClose(Duration.ofMillis(100)));
            victim.send(users(victimName));
            JsonObject listed = victim.awaitType("users");
            assertEquals(List.of(victimName), listed.getJsonArray("users").getValuesAs(JsonString::getString));
            peer.send(candidate(victimName, "candidate:still-here"));
            assertEquals("candidate:still-here", candidateOf(victim.awaitType("candidate")));
            victim.send(leave());
            assertEquals(victimName, peer.awaitType("leave").getString("name"));
            third.send(offer(victimName, "v=0 real call"));
            assertEquals("v=0 real call", victim.awaitType("offer").getJsonObject("offer").getString("sdp"));
        }
    }

    @Test
    @Order(4)
    void deletingEveryNameEntryFreesNoLiveName() {
        String victimName = name("gus");
        try (SignalClient victim = SignalClient.loggedIn(one.signal(), victimName)) {
            IMap<Object, Object> names = intruder.map("signal-names");
            for (Object key : intruder.entries("signal-names").keySet()) {
                names.delete(key);
            }
            assertNameStaysWith(one, victim, victimName);
        }
    }

    @Test
    @Order(5)
    void clearingTheNameMapFreesNoLiveName() {
        String victimName = name("greta");
        try (SignalClient victim = SignalClient.loggedIn(two.signal(), victimName)) {
            intruder.map("signal-names").clear();
            assertNameStaysWith(two, victim, victimName);
        }
    }

    @Test
    @Order(6)
    void evictingOrExpiringNameEntriesFreesNoLiveName() {
        String victimName = name("edda");
        try (SignalClient victim = SignalClient.loggedIn(one.signal(), victimName)) {
            IMap<Object, Object> names = intruder.map("signal-names");
            names.evictAll();
            assertNameStaysWith(one, victim, victimName);
            for (Object key : intruder.entries("signal-names").keySet()) {
                names.setTtl(key, 1, TimeUnit.MILLISECONDS);
            }
            assertNameStaysWith(one, victim, victimName);
        }
    }

    @Test
    @Order(7)
    void garbageOverEveryNameEntryFreesNoLiveName() {
        String victimName = name("hugo");
        try (SignalClient victim = SignalClient.loggedIn(two.signal(), victimName)) {
            IMap<Object, Object> names = intruder.map("signal-names");
            for (Object key : intruder.entries("signal-names").keySet()) {
                names.put(key, randomBytes(48));
                names.put(key, "garbage");
            }
            assertNameStaysWith(two, victim, victimName);
        }
    }

    @Test
    @Order(8)
    void swappingNameEntriesRedirectsNobodysCalls() {
        String victimName = name("ida");
        String otherName = name("kaspar");
        Set<Object> earlier = intruder.entries("signal-names").keySet();
        try (SignalClient victim = SignalClient.loggedIn(one.signal(), victimName);
             SignalClient other = SignalClient.loggedIn(two.signal(), otherName)) {
            // Unreadable keys or not, the two that appeared with the two logins are theirs.
            IMap<Object, Object> names = intruder.map("signal-names");
            List<Map.Entry<Object, Object>> theirs = intruder.entries("signal-names").entrySet().stream()
                    .filter(entry -> !earlier.contains(entry.getKey())).toList();
            assertEquals(2, theirs.size(), () -> "entries that appeared with two logins: " + theirs);
            names.put(theirs.get(0).getKey(), theirs.get(1).getValue());
            names.put(theirs.get(1).getKey(), theirs.get(0).getValue());
            assertNameStaysWith(one, victim, victimName, other);
            assertNameStaysWith(two, other, otherName, victim);
        }
    }

    @Test
    @Order(9)
    void garbageInTheCallMapNeitherEndsACallNorLetsAnyoneRingIn() {
        String victimName = name("stefa");
        String peerName = name("theda");
        try (SignalClient victim = SignalClient.loggedIn(one.signal(), victimName);
             SignalClient peer = SignalClient.loggedIn(two.signal(), peerName);
             SignalClient third = SignalClient.loggedIn(two.signal(), name("ugo"))) {
            connect(victim, victimName, peer, peerName);

            IMap<Object, Object> calls = intruder.map("signal-calls");
            for (Object key : intruder.entries("signal-calls").keySet()) {
                calls.put(key, randomBytes(48));
                calls.put(key, "garbage");
            }

            victim.send(candidate(peerName, "candidate:after-garbage"));
            assertEquals("candidate:after-garbage", candidateOf(peer.awaitType("candidate")));
            peer.send(candidate(victimName, "candidate:after-garbage"));
            assertEquals("candidate:after-garbage", candidateOf(victim.awaitType("candidate")));
            third.send(offer(victimName, "v=0 ring in"));
            third.awaitError("busy");
            third.send(offer(peerName, "v=0 ring in"));
            third.awaitError("busy");
            victim.expectNothing(Duration.ofMillis(200));
            peer.expectNothing(Duration.ofMillis(100));
        }
    }

    @Test
    @Order(10)
    void eachInstanceCountsWhatItRejectedAndWarnsOncePerSourceNotPerMessage() throws Exception {
        // The tests above published hundreds of forged messages on each instance's topic.
        for (int i = 0; i < 2; i++) {
            ServerProcess instance = List.of(one, two).get(i);
            double rejected = rejectedTotal(instance);
            assertTrue(rejected > 0, () -> "signal_cluster_rejected_total on " + instance.base() + ": " + rejected
                    + "\n" + metricLines(instance));
            List<String> complaints = complaints(instance.log().substring(logStart.get(i)));
            List<String> warnings = rejectionWarnings(complaints);
            assertTrue(!warnings.isEmpty() && warnings.size() <= MAX_REJECTION_WARNINGS, () -> warnings.size()
                    + " warnings about rejected grid data on " + instance.base() + " (1 to " + MAX_REJECTION_WARNINGS
                    + " expected):\n" + String.join("\n", warnings.stream().map(GridAttackIT::abbreviated).toList()));
            // Nor does any other logger (Hazelcast's, on a listener's exception) write a record per forged message.
            assertTrue(complaints.size() <= MAX_COMPLAINTS, () -> complaints.size() + " warnings and errors logged on "
                    + instance.base() + " since it booted; the first: " + String.join("\n", complaints.stream()
                            .limit(5).map(GridAttackIT::abbreviated).toList()));
        }
    }

    /**
     * The live user keeps the name: an impostor logging in with it through the other instance is
     * refused as name-taken, or accepted and then closed with 4001; once things settle, a third
     * user's offer to the name reaches the victim (not the impostor, not a bystander), and the
     * victim's connection was never closed.
     */
    private static void assertNameStaysWith(ServerProcess home, SignalClient victim, String victimName,
            SignalClient... bystanders) {
        URI otherInstance = (home == one ? two : one).signal();
        try (SignalClient impostor = SignalClient.connect(otherInstance)) {
            impostor.send(login(victimName));
            JsonObject reply = impostor.poll(SignalClient.WAIT);
            assertTrue(reply != null && "login".equals(reply.getString("type")), () -> "an impostor's login as "
                    + victimName + " through the other instance was answered with " + reply);
            if (reply.getBoolean("success")) {
                CloseReason closed;
                try {
                    closed = impostor.awaitClose(SETTLE);
                } catch (AssertionError kept) {
                    throw new AssertionError("an impostor logged in as " + victimName
                            + " through the other instance and kept the name: " + kept.getMessage(), kept);
                }
                assertEquals(4001, closed.getCloseCode().getCode(), () -> "the impostor's close: " + closed);
                assertEquals("name claimed earlier elsewhere", closed.getReasonPhrase(), "the reason the page explains");
            } else {
                assertEquals("name-taken", reply.getString("code"), reply::toString);
            }
        }
        assertTrue(victim.isOpen(), () -> victimName + " lost the connection");
        try (SignalClient third = SignalClient.loggedIn(otherInstance, name("yves"))) {
            offerReaches(third, victimName, victim, bystanders);
        }
        assertTrue(victim.isOpen(), () -> victimName + " lost the connection");
    }

    /**
     * A third user offers to {@code name} until the offer is no longer refused as user-not-found
     * (an instance putting its entry back), within {@link #SETTLE}; the offer must then reach
     * {@code holder}, and the third user hangs up again.
     */
    private static void offerReaches(SignalClient caller, String name, SignalClient holder, SignalClient... bystanders) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        for (int attempt = 1; ; attempt++) {
            String sdp = "v=0 real offer " + attempt;
            caller.send(offer(name, sdp));
            JsonObject arrived = holder.poll(QUIET);
            if (arrived != null) {
                assertEquals("offer", arrived.getString("type"), arrived::toString);
                assertEquals(sdp, arrived.getJsonObject("offer").getString("sdp"), arrived::toString);
                caller.send(leave());
                assertEquals("leave", holder.awaitType("leave").getString("type"));
                return;
            }
            JsonObject refusal = caller.poll(Duration.ofMillis(100));
            boolean notYet = refusal != null && "user-not-found".equals(refusal.getString("code", null));
            if (!notYet || System.nanoTime() > deadline) {
                List<JsonObject> elsewhere = new ArrayList<>();
                for (SignalClient bystander : bystanders) {
                    JsonObject got = bystander.poll(Duration.ofMillis(100));
                    if (got != null) {
                        elsewhere.add(got);
                    }
                }
                fail("an offer to " + name + " did not reach " + name + "'s connection; the caller got " + refusal
                        + "; others got " + elsewhere);
            }
        }
    }

    private static String deliveryToday(String kind, String memberId, JsonObject json) {
        return "D" + kind + "\n" + memberId + "\n" + json;
    }

    private static JsonObject forgedOffer(String from) {
        return Json.createObjectBuilder().add("type", "offer").add("name", from)
                .add("offer", Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0 forged offer")).build();
    }

    private static void publish(List<ITopic<Object>> topics, Object message) {
        topics.forEach(topic -> topic.publish(message));
    }

    /** Publishes every captured frame again, unchanged, on the topic it was captured on. */
    private static void replay(List<GridIntruder.Captured> captured) {
        captured.forEach(frame -> frame.topic().publish(frame.message()));
    }

    private static String candidateOf(JsonObject message) {
        return message.getJsonObject("candidate").getString("candidate");
    }

    /** A login's member id as the instances know it today: SHA-256 of its token, URL-safe Base64 without padding. */
    private static String memberId(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void leaksIn(String where, String text, List<String> secrets, List<String> leaks) {
        String folded = text.toLowerCase(Locale.ROOT);
        for (String secret : secrets) {
            if (folded.contains(secret.toLowerCase(Locale.ROOT))) {
                leaks.add(where + " shows \"" + secret + "\": " + abbreviated(text));
            }
        }
    }

    private static String abbreviated(String text) {
        String flat = text.replace('\n', '|');
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }

    private static double rejectedTotal(ServerProcess instance) {
        Matcher sample = Pattern.compile("^signal_cluster_rejected_total(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics(instance));
        double total = 0;
        while (sample.find()) {
            total += Double.parseDouble(sample.group(2));
        }
        return total;
    }

    private static String metricLines(ServerProcess instance) {
        return metrics(instance).lines().filter(line -> line.startsWith("signal_")).reduce("", (a, b) -> a + b + "\n");
    }

    private static String metrics(ServerProcess instance) {
        try {
            return new ServerProbe(instance.base().toURL()).get("/metrics").body();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The log's records at WARNING or SEVERE. Payara starts each record on a new line with
     * {@code [time] [] [LEVEL] [] [logger]}, coloured with ANSI escapes; a message with several
     * lines follows in {@code [[ ]]}.
     */
    private static List<String> complaints(String log) {
        String plain = log.replaceAll("\u001B\\[[0-9;]*m", "");
        List<String> found = new ArrayList<>();
        for (String record : plain.split("\n(?=\\[\\d{4}-\\d\\d-\\d\\dT)")) {
            if (record.matches("(?s)\\[[^\\]]*\\] \\[\\] \\[(WARNING|SEVERE)\\] .*")) {
                found.add(record);
            }
        }
        return found;
    }

    /** The application's warnings that speak of rejecting something. */
    private static List<String> rejectionWarnings(List<String> complaints) {
        return complaints.stream()
                .filter(record -> record.matches("(?s)\\[[^\\]]*\\] \\[\\] \\[WARNING\\] \\[\\] \\[org\\.callsign\\..*"))
                .filter(record -> record.toLowerCase(Locale.ROOT).contains("reject"))
                .toList();
    }

    /** A name no other user of this run has: the base, the run's letters, and a count in letters. */
    private static String name(String base) {
        StringBuilder count = new StringBuilder();
        for (int n = NAMES.incrementAndGet(); n > 0; n /= LETTERS.length()) {
            count.append(LETTERS.charAt(n % LETTERS.length()));
        }
        return base + "-" + RUN + count;
    }

    private static String randomLetters(int count) {
        StringBuilder letters = new StringBuilder();
        for (int i = 0; i < count; i++) {
            letters.append(LETTERS.charAt(ThreadLocalRandom.current().nextInt(LETTERS.length())));
        }
        return letters.toString();
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
