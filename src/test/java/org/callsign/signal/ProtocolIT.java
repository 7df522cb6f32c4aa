package org.callsign.signal;

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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.callsign.support.Coturn;
import org.callsign.support.DeployedServerIT;
import org.callsign.support.SignalClient;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md rules 1-15, 22 and 23, spoken over real WebSockets to the built WAR on Payara
 * Micro. Every test uses names of its own, so tests cannot see each other's users.
 */
class ProtocolIT extends DeployedServerIT {

    private static final Duration QUIET = Duration.ofMillis(300);

    private SignalClient as(String name) {
        return SignalClient.loggedIn(signal(), name);
    }

    // Rule 1

    @Test
    void everyMessageBeforeLoginGetsNotLoggedIn() {
        try (SignalClient anonymous = SignalClient.connect(signal())) {
            for (JsonObject message : List.of(offer("x", "v=0"), answer("x", "v=0"), candidate("x", "c"),
                    leave(), decline("x"), users(null))) {
                anonymous.send(message);
                anonymous.awaitError("not-logged-in");
            }
        }
    }

    // Rule 2

    @Test
    void invalidNamesAreRefusedWithInvalidName() {
        try (SignalClient client = SignalClient.connect(signal())) {
            for (String bad : List.of("", "has space", "tab\tname", "a".repeat(33), "semi;colon", "emoji\uD83D\uDE00",
                    "new\nline")) {
                client.send(login(bad));
                JsonObject reply = client.awaitType("login");
                assertFalse(reply.getBoolean("success"), () -> "accepted " + bad);
                assertEquals("invalid-name", reply.getString("code"));
                assertFalse(reply.getString("message").isBlank());
            }
        }
    }

    @Test
    void unicodeLettersDigitsAndPunctuationMakeValidNames() {
        String longest = name("x".repeat(28));
        String exactly32 = longest + "y".repeat(32 - longest.codePointCount(0, longest.length()));
        for (String good : List.of(name("Zo\u00eb"), name("\u540d\u524d"), name("a_b-c.d"), exactly32)) {
            try (SignalClient client = as(good)) {
                assertTrue(client.isOpen());
            }
        }
    }

    // Rule 3

    @Test
    void aNameIsTakenIgnoringCase() {
        String name = name("Carol");
        try (SignalClient first = as(name); SignalClient second = SignalClient.connect(signal())) {
            second.send(login(name.toUpperCase()));
            JsonObject reply = second.awaitType("login");
            assertFalse(reply.getBoolean("success"));
            assertEquals("name-taken", reply.getString("code"));
        }
    }

    // Rule 4

    @Test
    void aSecondLoginOnTheSameConnectionGetsAlreadyLoggedIn() {
        try (SignalClient client = as(name("dave"))) {
            client.send(login(name("other")));
            JsonObject reply = client.awaitType("login");
            assertFalse(reply.getBoolean("success"));
            assertEquals("already-logged-in", reply.getString("code"));
        }
    }

    // Rule 5

    @Test
    void loginReturnsAUrlSafeTokenOfAtLeast128Bits() {
        try (SignalClient client = SignalClient.connect(signal())) {
            client.send(login(name("erin")));
            String token = client.awaitType("login").getString("token");
            assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
            assertTrue(Base64.getUrlDecoder().decode(token).length >= 16, token);
        }
    }

    @Test
    void theTokenTakesTheNameOverAndClosesTheOldConnectionWith4001EndingItsCall() {
        String erin = name("erin");
        String frank = name("frank");
        try (SignalClient old = SignalClient.connect(signal()); SignalClient peer = as(frank)) {
            old.send(login(erin));
            String token = old.awaitType("login").getString("token");
            connect(old, erin, peer, frank);
            try (SignalClient reloaded = SignalClient.connect(signal())) {
                reloaded.send(login(erin, token));
                JsonObject reply = reloaded.awaitType("login");
                assertTrue(reply.getBoolean("success"), reply::toString);
                assertEquals(erin, reply.getString("name"));

                CloseReason closed = old.awaitClose(SignalClient.WAIT);
                assertEquals(4001, closed.getCloseCode().getCode());
                assertEquals("replaced", closed.getReasonPhrase());
                assertEquals(erin, peer.awaitType("leave").getString("name"));

                // The old connection's close must not free the name of the new one.
                try (SignalClient intruder = SignalClient.connect(signal())) {
                    intruder.send(login(erin));
                    assertEquals("name-taken", intruder.awaitType("login").getString("code"));
                }
                peer.send(offer(erin, "v=0 again"));
                assertEquals(frank, reloaded.awaitType("offer").getString("name"));
            }
        }
    }

    @Test
    void aWrongTokenDoesNotTakeTheNameOver() {
        String name = name("gina");
        try (SignalClient holder = as(name); SignalClient other = SignalClient.connect(signal())) {
            other.send(login(name, "not-the-token"));
            assertEquals("name-taken", other.awaitType("login").getString("code"));
            assertTrue(holder.isOpen());
        }
    }

    // Rule 6

    @Test
    void relayedMessagesCarryTheSendersNameAndOnlyTheProtocolFields() {
        String hal = name("hal");
        String ivy = name("ivy");
        try (SignalClient caller = as(hal); SignalClient callee = as(ivy)) {
            caller.send(Json.createObjectBuilder().add("type", "offer").add("name", ivy)
                    .add("from", "mallory").add("extra", 42)
                    .add("offer", Json.createObjectBuilder().add("type", "offer").add("sdp", "v=0")
                            .add("custom", "kept")).build().toString());
            JsonObject relayed = callee.awaitType("offer");
            assertEquals(hal, relayed.getString("name"));
            assertEquals(List.of("name", "offer", "type"), relayed.keySet().stream().sorted().toList());
            assertEquals("kept", relayed.getJsonObject("offer").getString("custom"));
        }
    }

    // Rule 7

    @Test
    void anOfferToSomeoneOfflineGetsUserNotFound() {
        try (SignalClient caller = as(name("jack"))) {
            caller.send(offer(name("nobody"), "v=0"));
            caller.awaitError("user-not-found");
        }
    }

    @Test
    void anOfferToOneselfGetsSelfCallIgnoringCase() {
        String kim = name("kim");
        try (SignalClient caller = as(kim)) {
            caller.send(offer(kim.toUpperCase(), "v=0"));
            caller.awaitError("self-call");
        }
    }

    @Test
    void anOfferToSomeoneInAnotherCallGetsBusyAndTheCalleeSeesNothing() {
        String a = name("lea");
        String b = name("max");
        String c = name("ned");
        try (SignalClient lea = as(a); SignalClient max = as(b); SignalClient ned = as(c)) {
            ring(lea, a, max, b);
            ned.send(offer(b, "v=0"));
            ned.awaitError("busy");
            max.expectNothing(QUIET);
            max.send(answer(a, "v=0"));
            lea.awaitType("answer");
            ned.send(offer(a, "v=0"));
            ned.awaitError("busy");
            lea.expectNothing(QUIET);
        }
    }

    @Test
    void anOfferWhileInAnotherCallGetsAlreadyInCall() {
        String a = name("olga");
        String b = name("pia");
        String c = name("quinn");
        try (SignalClient olga = as(a); SignalClient pia = as(b); SignalClient quinn = as(c)) {
            ring(olga, a, pia, b);
            olga.send(offer(c, "v=0"));
            olga.awaitError("already-in-call");
            quinn.expectNothing(QUIET);
        }
    }

    // Rules 8 and 9

    @Test
    void trickleRenegotiationAndGlareAreRelayedBothWaysInsideThePair() {
        String a = name("rob");
        String b = name("sue");
        try (SignalClient rob = as(a); SignalClient sue = as(b)) {
            ring(rob, a, sue, b);
            // Trickle ICE both ways while ringing.
            rob.send(candidate(b, "candidate:rob"));
            assertEquals("candidate:rob", sue.awaitType("candidate").getJsonObject("candidate").getString("candidate"));
            sue.send(candidate(a, "candidate:sue"));
            assertEquals(b, rob.awaitType("candidate").getString("name"));
            // Glare: the callee offers back while ringing.
            sue.send(offer(a, "v=0 glare"));
            assertEquals("v=0 glare", rob.awaitType("offer").getJsonObject("offer").getString("sdp"));
            sue.send(answer(a, "v=0 answer"));
            rob.awaitType("answer");
            // Renegotiation once connected, from either side.
            rob.send(offer(b, "v=0 renegotiate"));
            sue.awaitType("offer");
            sue.send(answer(a, "v=0 re-answer"));
            rob.awaitType("answer");
            sue.send(offer(a, "v=0 renegotiate back"));
            rob.awaitType("offer");
            rob.send(answer(b, "v=0 back"));
            sue.awaitType("answer");
            rob.send(candidate(b, "candidate:late"));
            sue.awaitType("candidate");
        }
    }

    @Test
    void theCalleesAnswerConnectsTheCallSoDeclineNoLongerApplies() {
        String a = name("tom");
        String b = name("uma");
        try (SignalClient tom = as(a); SignalClient uma = as(b)) {
            connect(tom, a, uma, b);
            uma.send(decline(a));
            uma.awaitError("not-in-call");
            tom.expectNothing(QUIET);
        }
    }

    @Test
    void answerOrCandidateToSomeoneNotYourPeerGetsNotInCall() {
        String a = name("vic");
        String b = name("wes");
        String c = name("xia");
        try (SignalClient vic = as(a); SignalClient wes = as(b); SignalClient xia = as(c)) {
            vic.send(answer(b, "v=0"));
            vic.awaitError("not-in-call");
            vic.send(candidate(b, "c"));
            vic.awaitError("not-in-call");
            vic.send(candidate(name("offline"), "c"));
            vic.awaitError("not-in-call");
            ring(vic, a, wes, b);
            xia.send(candidate(b, "c"));
            xia.awaitError("not-in-call");
            vic.send(answer(c, "v=0"));
            vic.awaitError("not-in-call");
            wes.expectNothing(QUIET);
            xia.expectNothing(QUIET);
        }
    }

    // Rule 10

    @Test
    void theCalleeDeclinesARingingCallAndBothAreFreeAgain() {
        String a = name("yan");
        String b = name("zed");
        String c = name("amy");
        String d = name("bo");
        try (SignalClient yan = as(a); SignalClient zed = as(b); SignalClient amy = as(c); SignalClient bo = as(d)) {
            ring(yan, a, zed, b);
            zed.send(decline(a));
            assertEquals(b, yan.awaitType("decline").getString("name"));
            ring(amy, c, zed, b);
            ring(bo, d, yan, a);
        }
    }

    @Test
    void declineFromTheCallerOrAStrangerGetsNotInCall() {
        String a = name("ben");
        String b = name("cat");
        String c = name("dan");
        try (SignalClient ben = as(a); SignalClient cat = as(b); SignalClient dan = as(c)) {
            ring(ben, a, cat, b);
            ben.send(decline(b));
            ben.awaitError("not-in-call");
            dan.send(decline(a));
            dan.awaitError("not-in-call");
            cat.expectNothing(QUIET);
            ben.expectNothing(QUIET);
        }
    }

    // Rule 11

    @Test
    void leaveEndsOnlyTheSendersOwnCallWhateverNameItCarries() {
        String a = name("eve");
        String b = name("fay");
        String c = name("gus");
        String d = name("hob");
        try (SignalClient eve = as(a); SignalClient fay = as(b); SignalClient gus = as(c); SignalClient hob = as(d)) {
            connect(eve, a, fay, b);
            connect(gus, c, hob, d);
            eve.send(Json.createObjectBuilder().add("type", "leave").add("name", c).build());
            assertEquals(a, fay.awaitType("leave").getString("name"));
            gus.expectNothing(QUIET);
            hob.expectNothing(QUIET);
            gus.send(candidate(d, "still connected"));
            hob.awaitType("candidate");
            ring(eve, a, fay, b);
        }
    }

    @Test
    void leaveOutsideACallIsIgnoredWithoutReply() {
        try (SignalClient client = as(name("ian"))) {
            client.send(leave());
            client.send(Json.createObjectBuilder().add("type", "leave").add("name", "someone").build());
            client.expectNothing(QUIET);
        }
    }

    @Test
    void theCallerCancelsARingingCallWithLeave() {
        String a = name("jo");
        String b = name("ken");
        try (SignalClient jo = as(a); SignalClient ken = as(b)) {
            ring(jo, a, ken, b);
            jo.send(leave());
            assertEquals(a, ken.awaitType("leave").getString("name"));
            ken.send(answer(a, "too late"));
            ken.awaitError("not-in-call");
        }
    }

    // Rule 12

    @Test
    void aClosedConnectionFreesItsNameAtOnceAndItsPeerGetsLeave() {
        String a = name("lou");
        String b = name("mia");
        try (SignalClient mia = as(b)) {
            SignalClient lou = as(a);
            connect(lou, a, mia, b);
            lou.close();
            assertEquals(a, mia.awaitType("leave").getString("name"));
            try (SignalClient again = as(a)) {
                assertTrue(again.isOpen());
            }
        }
    }

    @Test
    void theCalleeDisconnectingWhileRingingTellsTheCaller() {
        String a = name("nia");
        String b = name("oz");
        try (SignalClient nia = as(a)) {
            SignalClient oz = as(b);
            ring(nia, a, oz, b);
            oz.close();
            assertEquals(b, nia.awaitType("leave").getString("name"));
            nia.send(candidate(b, "c"));
            nia.awaitError("not-in-call");
        }
    }

    // Rule 13

    @Test
    void messagesFromOneSenderToOneRecipientArriveInOrder() {
        String a = name("pat");
        String b = name("quy");
        try (SignalClient pat = as(a); SignalClient quy = as(b)) {
            connect(pat, a, quy, b);
            int count = 150;
            for (int i = 0; i < count; i++) {
                pat.send(candidate(b, "candidate:" + i));
                quy.send(candidate(a, "candidate:" + i));
            }
            for (int i = 0; i < count; i++) {
                assertEquals("candidate:" + i, quy.awaitType("candidate").getJsonObject("candidate").getString("candidate"));
                assertEquals("candidate:" + i, pat.awaitType("candidate").getJsonObject("candidate").getString("candidate"));
            }
        }
    }

    // Rule 14

    @Test
    void framesOfTheWrongShapeGetMalformedAndTheConnectionStaysOpen() {
        String self = name("ray");
        try (SignalClient client = as(self)) {
            for (String frame : List.of("not json", "[1,2]", "\"text\"", "42", "{}", "{\"type\":7}",
                    "{\"type\":\"offer\",\"name\":\"x\"}",
                    "{\"type\":\"offer\",\"name\":\"x\",\"offer\":{\"type\":\"offer\"}}",
                    "{\"type\":\"offer\",\"name\":\"x\",\"offer\":{\"sdp\":5}}",
                    "{\"type\":\"offer\",\"name\":\"x\",\"offer\":\"v=0\"}",
                    "{\"type\":\"answer\",\"name\":\"x\",\"answer\":{}}",
                    "{\"type\":\"candidate\",\"name\":\"x\",\"candidate\":\"candidate:1\"}",
                    "{\"type\":\"offer\",\"name\":5,\"offer\":{\"sdp\":\"v=0\"}}",
                    "{\"type\":\"decline\"}",
                    "{\"type\":\"users\",\"prefix\":[]}",
                    "[".repeat(5000))) {
                client.send(frame);
                JsonObject error = client.awaitError("malformed");
                assertFalse(error.getString("message").isBlank());
            }
            client.send(users(self));
            assertEquals(1, client.awaitType("users").getInt("total"));
        }
    }

    @Test
    void aLoginWhoseNameIsNotAStringIsMalformed() {
        try (SignalClient client = SignalClient.connect(signal())) {
            client.send("{\"type\":\"login\",\"name\":5}");
            client.awaitError("malformed");
            client.send("{\"type\":\"login\",\"name\":\"ok\",\"token\":{}}");
            client.awaitError("malformed");
            client.send(login(name("sam")));
            assertTrue(client.awaitType("login").getBoolean("success"));
        }
    }

    // Rule 15

    @Test
    void anUnknownTypeGetsUnknownTypeWithTheSeedsMessage() {
        try (SignalClient client = SignalClient.connect(signal())) {
            client.send("{\"type\":\"dance\"}");
            JsonObject error = client.awaitError("unknown-type");
            assertEquals("Unrecognized command: dance", error.getString("message"));
        }
    }

    // Rule 22

    @Test
    void loginCarriesStunAndTurnServersWithEphemeralCredentials() throws Exception {
        String name = name("tia");
        try (SignalClient client = SignalClient.connect(signal())) {
            long before = Instant.now().getEpochSecond();
            client.send(login(name));
            JsonObject reply = client.awaitType("login");
            var servers = reply.getJsonArray("iceServers");
            assertEquals(2, servers.size(), servers::toString);
            JsonObject stun = servers.getJsonObject(0);
            assertEquals("stun:127.0.0.1:" + Coturn.port(), stun.getJsonArray("urls").getString(0));
            assertFalse(stun.containsKey("credential"));
            JsonObject turn = servers.getJsonObject(1);
            assertEquals("turn:127.0.0.1:" + Coturn.port() + "?transport=udp", turn.getJsonArray("urls").getString(0));
            String username = turn.getString("username");
            long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
            assertTrue(expiry >= before + 600 && expiry <= Instant.now().getEpochSecond() + 600, username);
            assertEquals(name, username.substring(username.indexOf(':') + 1));
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec("it-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String expected = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
            assertTrue(MessageDigest.isEqual(expected.getBytes(), turn.getString("credential").getBytes()));
            assertFalse(reply.toString().contains("it-secret"));
        }
    }

    // Rule 23

    @Test
    void usersListsOnlineNamesByPrefixIgnoringCaseSortedWithTotal() {
        String prefix = name("Roster") + "_";
        List<SignalClient> clients = new ArrayList<>();
        try {
            for (String suffix : List.of("charlie", "Alpha", "bravo")) {
                clients.add(as(prefix + suffix));
            }
            SignalClient asker = clients.get(0);
            asker.send(users(prefix.toLowerCase()));
            JsonObject reply = asker.awaitType("users");
            assertEquals(List.of(prefix + "Alpha", prefix + "bravo", prefix + "charlie"),
                    reply.getJsonArray("users").getValuesAs(jakarta.json.JsonString::getString));
            assertEquals(3, reply.getInt("total"));

            asker.send(users(null));
            JsonObject all = asker.awaitType("users");
            assertTrue(all.getInt("total") >= 3);
            assertTrue(all.getJsonArray("users").size() <= 100);
        } finally {
            clients.forEach(SignalClient::close);
        }
    }

    @Test
    void usersReturnsAtMost100NamesButCountsAllMatches() {
        String prefix = name("Crowd") + "_";
        List<SignalClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 105; i++) {
                clients.add(as(prefix + String.format("%03d", i)));
            }
            SignalClient asker = clients.get(0);
            asker.send(users(prefix));
            JsonObject reply = asker.awaitType("users");
            assertEquals(105, reply.getInt("total"));
            assertEquals(100, reply.getJsonArray("users").size());
            assertEquals(prefix + "000", reply.getJsonArray("users").getString(0));
            assertEquals(prefix + "099", reply.getJsonArray("users").getString(99));
        } finally {
            clients.forEach(SignalClient::close);
        }
    }

    // Seed compatibility: the tutorial's client, message for message.

    @Test
    void aClientWrittenForTheSeedTutorialWorksUnchanged() {
        String a = name("seedA");
        String b = name("seedB");
        try (SignalClient caller = SignalClient.connect(signal()); SignalClient callee = SignalClient.connect(signal())) {
            caller.send("{\"type\":\"login\",\"name\":\"" + a + "\"}");
            assertTrue(caller.awaitType("login").getBoolean("success"));
            callee.send("{\"type\":\"login\",\"name\":\"" + b + "\"}");
            assertTrue(callee.awaitType("login").getBoolean("success"));

            // send() in the seed adds name = connectedUser to every message after the call starts.
            caller.send("{\"type\":\"offer\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0 seed\"},\"name\":\"" + b + "\"}");
            JsonObject offer = callee.awaitType("offer");
            assertEquals(a, offer.getString("name"));
            assertEquals("v=0 seed", offer.getJsonObject("offer").getString("sdp"));

            callee.send("{\"type\":\"answer\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0 ok\"},\"name\":\"" + a + "\"}");
            assertEquals("v=0 ok", caller.awaitType("answer").getJsonObject("answer").getString("sdp"));

            caller.send("{\"type\":\"candidate\",\"candidate\":{\"candidate\":\"candidate:0 1 UDP 1 127.0.0.1 9 typ host\","
                    + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0},\"name\":\"" + b + "\"}");
            assertEquals(0, callee.awaitType("candidate").getJsonObject("candidate").getInt("sdpMLineIndex"));

            callee.send("{\"type\":\"leave\",\"name\":\"" + a + "\"}");
            caller.awaitType("leave");

            caller.send("{\"type\":\"whatever\"}");
            assertEquals("Unrecognized command: whatever", caller.awaitType("error").getString("message"));

            // The seed's login refusal shape: success false.
            try (SignalClient late = SignalClient.connect(signal())) {
                late.send("{\"type\":\"login\",\"name\":\"" + a + "\"}");
                assertFalse(late.awaitType("login").getBoolean("success"));
            }
        }
    }
}
