package org.callsign.protocol;

import static org.callsign.support.CallSetup.connect;
import static org.callsign.support.CallSetup.ring;
import static org.callsign.support.Messages.answer;
import static org.callsign.support.Messages.candidate;
import static org.callsign.support.Messages.decline;
import static org.callsign.support.Messages.ice;
import static org.callsign.support.Messages.leave;
import static org.callsign.support.Messages.login;
import static org.callsign.support.Messages.offer;
import static org.callsign.support.Messages.users;
import static org.callsign.support.Messages.watchUsers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.callsign.support.ProtocolClient;
import org.callsign.support.ProtocolClient.Closed;
import org.callsign.support.ProtocolDriver;
import org.callsign.support.ProtocolDriver.Ice;
import org.callsign.support.UniqueNames;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/protocol.md that a client can see in its messages, each tested once and run
 * through two drivers: in memory against the router ({@code RouterProtocolTest}) and over real
 * WebSockets against the deployed WAR ({@code ProtocolIT}). A rule changes, one test changes.
 *
 * <p>An interface, so that ProtocolIT can implement it and still extend the deployment every
 * server IT shares. Every test uses names of its own: a deployed server is shared by all the
 * tests of a class. The transport's limits (rules 16-21) are tested over the wire only, in
 * LimitsIT and HostileInputIT.
 */
public interface ProtocolSuite {

    /** What the tests run against; called afresh wherever a test needs it. */
    ProtocolDriver driver();

    private ProtocolClient newConnection() {
        return driver().connect();
    }

    private ProtocolClient as(String name) {
        return driver().loggedIn(name);
    }

    private static String name(String base) {
        return UniqueNames.of(base);
    }

    /** Sends each message; each must be refused with an error {@code code}. */
    private static void assertEachRefused(ProtocolClient sender, String code, JsonObject... messages) {
        for (JsonObject message : messages) {
            sender.send(message);
            sender.awaitError(code);
        }
    }

    /** The client is in no call: it can ring someone new, who then hangs up. */
    private void assertFree(ProtocolClient client, String name) {
        String other = name("other");
        try (ProtocolClient callee = as(other)) {
            ring(client, name, callee, other);
            callee.send(leave());
            assertEquals(other, client.awaitType("leave").getString("name"));
        }
    }

    private static void assertNothingArrives(ProtocolClient... clients) {
        for (ProtocolClient client : clients) {
            client.expectNothing();
        }
    }

    /** The two are still in a call together: a candidate from one reaches the other. */
    private static void assertInCall(ProtocolClient from, String fromName, ProtocolClient to, String toName) {
        from.send(candidate(toName, "candidate:still in the call"));
        assertEquals(fromName, to.awaitType("candidate").getString("name"));
    }

    /** The pair still rings: the callee can decline, which only a ringing call allows. */
    private static void assertStillRinging(ProtocolClient caller, String callerName, ProtocolClient callee,
                                           String calleeName) {
        callee.send(decline(callerName));
        assertEquals(calleeName, caller.awaitType("decline").getString("name"));
    }

    /**
     * Closes the client, logged in as {@code name} and in no call, and returns once the server
     * has handled the close: a witness it rang has been told. Over the wire the close and the
     * test's next message travel on different connections; the witness puts them in order.
     */
    private void closeSeenByTheServer(ProtocolClient client, String name) {
        String witness = name("witness");
        try (ProtocolClient watching = as(witness)) {
            ring(client, name, watching, witness);
            client.close();
            assertEquals(name, watching.awaitType("leave").getString("name"));
        }
    }

    /** A {@code login} reply that resumed a call with {@code peer} (rules 24-25). */
    private static void assertResumedCall(String peer, String state, String role, JsonObject reply) {
        assertTrue(reply.getBoolean("resumed", false), reply::toString);
        JsonObject call = reply.getJsonObject("call");
        assertNotNull(call, reply::toString);
        assertEquals(peer, call.getString("peer"), reply::toString);
        assertEquals(state, call.getString("state"), reply::toString);
        assertEquals(role, call.getString("role"), reply::toString);
    }

    /** A {@code leave} from {@code name} saying why the call ended (rule 26). */
    private static void assertLeave(String name, String reason, JsonObject leave) {
        assertEquals(name, leave.getString("name"), leave::toString);
        assertEquals(reason, leave.getString("reason", null), leave::toString);
    }

    private static JsonObject loginReply(ProtocolClient client, JsonObject login) {
        client.send(login);
        return client.awaitType("login");
    }

    private static void assertLoginRefused(String code, JsonObject reply) {
        assertFalse(reply.getBoolean("success"), reply::toString);
        assertEquals(code, reply.getString("code"), reply::toString);
        assertFalse(reply.getString("message").isBlank(), reply::toString);
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    /** {@code latin} with its letters a, c, e, o, p, x and y written in the Cyrillic letters that look the same. */
    private static String cyrillic(String latin) {
        StringBuilder lookAlike = new StringBuilder();
        latin.chars().forEach(letter -> lookAlike.append((char) switch (letter) {
            case 'a' -> '\u0430';
            case 'c' -> '\u0441';
            case 'e' -> '\u0435';
            case 'o' -> '\u043e';
            case 'p' -> '\u0440';
            case 'x' -> '\u0445';
            case 'y' -> '\u0443';
            default -> letter;
        }));
        return lookAlike.toString();
    }

    // Rule 1

    @Test
    default void everyMessageBeforeLoginGetsNotLoggedIn() {
        String bob = name("bob");
        try (ProtocolClient anonymous = newConnection(); ProtocolClient online = as(bob)) {
            assertEachRefused(anonymous, "not-logged-in", offer(bob, "v=0"), answer(bob, "v=0"),
                    candidate(bob, "c"), leave(), decline(bob), users(null), ice());
            online.expectNothing();
        }
    }

    // Rule 2

    @Test
    default void invalidNamesAreRefusedWithInvalidName() {
        try (ProtocolClient client = newConnection()) {
            for (String bad : List.of("", "has space", "tab\tname", "a".repeat(33), "semi;colon", "emoji\uD83D\uDE00",
                    "new\nline", "<script>", "a@b", "zero\u200bwidth", "\u3164", "a\u3164b", "\uffa0")) {
                assertLoginRefused("invalid-name", loginReply(client, login(bad)));
            }
            // No refusal gave the connection a name: it can still log in.
            client.logIn(name("valid"));
        }
    }

    @Test
    default void lettersOfTwoScriptsAreRefusedWithInvalidNameEvenWhenTheyLookLikeAnOnlineName() {
        String alice = name("alice");
        try (ProtocolClient holder = as(alice); ProtocolClient client = newConnection()) {
            for (String mixed : List.of(cyrillic(alice).substring(0, 1) + alice.substring(1), name("\u0391lice"),
                    name("\ud55c\uae00\u3072\u3089"))) {
                assertLoginRefused("invalid-name", loginReply(client, login(mixed)));
            }
            client.logIn(name("valid"));
        }
    }

    @Test
    default void unicodeLettersDigitsAndPunctuationMakeValidNames() {
        String longest = name("x".repeat(28));
        String exactly32 = longest + "y".repeat(32 - longest.codePointCount(0, longest.length()));
        for (String good : List.of(name("Zo\u00eb"), name("\u540d\u524d"), name("a_b-c.d"), exactly32,
                name("\u5c71\u7530\u305f\u308d\u3046_"), name("\u0410\u043b\u0438\u0441\u0430-"))) {
            try (ProtocolClient client = as(good)) {
                assertTrue(client.isOpen());
            }
        }
    }

    // Rule 3

    @Test
    default void aNameIsTakenIgnoringCaseAndLookAlikes() {
        String ape = name("ape");
        String bob = name("BOB");
        String bobDigits = bob.substring(3);
        try (ProtocolClient apeHolder = as(ape); ProtocolClient bobHolder = as(bob); ProtocolClient other = newConnection()) {
            for (String spelling : List.of(ape, upper(ape), bob.toLowerCase(Locale.ROOT), cyrillic(ape),
                    upper(cyrillic(ape)), "\u0392\u039f\u0392" + bobDigits, "\u0412\u041e\u0412" + bobDigits,
                    "b0b" + bobDigits)) {
                assertLoginRefused("name-taken", loginReply(other, login(spelling)));
            }
            // The refused connection has no name yet, and the holders still have theirs.
            String dan = name("dan");
            other.logIn(dan);
            ring(other, dan, apeHolder, ape);
        }
    }

    @Test
    default void messagesNamingALookAlikeOfAUserReachThatUser() {
        String ape = name("ape");
        String cap = name("cap");
        try (ProtocolClient caller = as(cap); ProtocolClient callee = as(ape)) {
            ring(caller, cap, callee, cyrillic(ape));
            callee.send(answer(upper(cyrillic(cap)), "v=0 answer"));
            assertEquals(ape, caller.awaitType("answer").getString("name"));
            assertInCall(caller, cap, callee, upper(cyrillic(ape)));
        }
    }

    @Test
    default void theTokenTakesTheNameOverUnderALookAlikeSpellingWhichIsListedFromThen() {
        String ape = name("ape");
        String capitals = upper(cyrillic(ape));
        try (ProtocolClient old = newConnection(); ProtocolClient reloaded = newConnection()) {
            String token = old.logIn(ape).getString("token");
            JsonObject reply = loginReply(reloaded, login(capitals, token));
            assertTrue(reply.getBoolean("success"), reply::toString);
            assertEquals(capitals, reply.getString("name"));
            assertEquals(new Closed(4001, "replaced"), old.awaitClose());

            reloaded.send(users(capitals));
            assertUsers(List.of(capitals), 1, reloaded.awaitType("users"));
            reloaded.send(users(ape));
            assertUsers(List.of(), 0, reloaded.awaitType("users"));
        }
    }

    // Rule 4

    @Test
    default void aSecondLoginOnTheSameConnectionGetsAlreadyLoggedIn() {
        String dave = name("dave");
        String other = name("other");
        try (ProtocolClient client = as(dave)) {
            assertLoginRefused("already-logged-in", loginReply(client, login(other)));
            // The connection keeps its first name; the second stays free.
            try (ProtocolClient second = as(other)) {
                ring(second, other, client, dave);
            }
        }
    }

    // Rule 5

    @Test
    default void aValidLoginIsAcceptedWithTheNameAndAUrlSafeTokenOfAtLeast128Bits() {
        String erin = name("Erin");
        try (ProtocolClient first = newConnection(); ProtocolClient second = newConnection()) {
            JsonObject accepted = first.logIn(erin);
            assertEquals(erin, accepted.getString("name"));
            String token = accepted.getString("token");
            assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
            assertTrue(Base64.getUrlDecoder().decode(token).length >= 16, token);
            assertNotEquals(token, second.logIn(name("fred")).getString("token"));
        }
    }

    @Test
    default void theTokenTakesTheNameOverClosingTheOldConnectionWith4001AndTheCallGoesOn() {
        String erin = name("erin");
        String frank = name("frank");
        try (ProtocolClient old = newConnection(); ProtocolClient peer = as(frank);
             ProtocolClient reloaded = newConnection()) {
            String token = old.logIn(erin).getString("token");
            connect(old, erin, peer, frank);

            JsonObject reply = loginReply(reloaded, login(upper(erin), token));
            assertTrue(reply.getBoolean("success"), reply::toString);
            assertEquals(upper(erin), reply.getString("name"));
            assertNotEquals(token, reply.getString("token"));
            assertResumedCall(frank, "connected", "caller", reply);
            assertEquals(new Closed(4001, "replaced"), old.awaitClose());
            // Rule 25: the call is kept, and the peer hears the caller is back.
            assertEquals(upper(erin), peer.awaitType("back").getString("name"));
            peer.expectNothing();

            // The old connection's close must not free the name of the new one, nor end its call.
            try (ProtocolClient intruder = newConnection()) {
                assertLoginRefused("name-taken", loginReply(intruder, login(erin)));
            }
            assertInCall(peer, frank, reloaded, upper(erin));
            assertInCall(reloaded, upper(erin), peer, frank);
        }
    }

    @Test
    default void aWrongTokenDoesNotTakeTheNameOver() {
        String gina = name("gina");
        try (ProtocolClient holder = as(gina); ProtocolClient other = newConnection()) {
            assertLoginRefused("name-taken", loginReply(other, login(gina, "not-the-token")));
            String hank = name("hank");
            other.logIn(hank);
            ring(other, hank, holder, gina);
            assertTrue(holder.isOpen());
        }
    }

    @Test
    default void aTokenStopsWorkingOnceItHasBeenUsed() {
        String ida = name("ida");
        try (ProtocolClient first = newConnection(); ProtocolClient second = newConnection();
             ProtocolClient third = newConnection()) {
            String used = first.logIn(ida).getString("token");
            JsonObject takeover = loginReply(second, login(ida, used));
            assertTrue(takeover.getBoolean("success"), takeover::toString);

            assertLoginRefused("name-taken", loginReply(third, login(ida, used)));
            // The token the takeover returned is the one that works now.
            JsonObject next = loginReply(third, login(ida, takeover.getString("token")));
            assertTrue(next.getBoolean("success"), next::toString);
        }
    }

    @Test
    default void aTokenDoesNotReserveAFreeName() {
        String jill = name("jill");
        try (ProtocolClient holder = newConnection(); ProtocolClient anyone = newConnection();
             ProtocolClient late = newConnection()) {
            String token = holder.logIn(jill).getString("token");
            closeSeenByTheServer(holder, jill);

            anyone.logIn(jill);
            // The name is anyone's now: the token of its former holder cannot take it from them.
            assertLoginRefused("name-taken", loginReply(late, login(jill, token)));
        }
    }

    // Rule 6

    @Test
    default void relayedMessagesCarryTheSendersNameOnlyTheProtocolFieldsAndTheirPayloadUntouched() {
        String hal = name("hal");
        String ivy = name("ivy");
        try (ProtocolClient caller = as(hal); ProtocolClient callee = as(ivy)) {
            JsonObject offer = withExtras(offer(upper(ivy), "v=0 hal"), "offer");
            caller.send(offer);
            assertRelayed(hal, offer, "offer", callee.awaitType("offer"));
            JsonObject answer = withExtras(answer(hal, "v=0 ivy"), "answer");
            callee.send(answer);
            assertRelayed(ivy, answer, "answer", caller.awaitType("answer"));
            JsonObject candidate = withExtras(candidate(ivy, "candidate:hal"), "candidate");
            caller.send(candidate);
            assertRelayed(hal, candidate, "candidate", callee.awaitType("candidate"));
            assertNothingArrives(caller, callee);
        }
    }

    /** The message with a forged sender, a field the protocol lacks, and a field of the client's own in its payload. */
    private static JsonObject withExtras(JsonObject message, String payload) {
        return Json.createObjectBuilder(message).add("from", "mallory").add("extra", 42)
                .add(payload, Json.createObjectBuilder(message.getJsonObject(payload)).add("custom", "kept"))
                .build();
    }

    private static void assertRelayed(String sender, JsonObject sent, String payload, JsonObject relayed) {
        assertEquals(sender, relayed.getString("name"));
        assertEquals(Set.of("type", "name", payload), relayed.keySet());
        assertEquals(sent.getJsonObject(payload), relayed.getJsonObject(payload));
    }

    // Rule 7

    @Test
    default void anOfferToSomeoneOfflineGetsUserNotFound() {
        String jack = name("jack");
        try (ProtocolClient caller = as(jack)) {
            assertEachRefused(caller, "user-not-found", offer(name("nobody"), "v=0"), offer("not a name", "v=0"));
            assertFree(caller, jack);
        }
    }

    @Test
    default void anOfferToOneselfGetsSelfCallIgnoringCaseAndLookAlikes() {
        String xop = name("xop");
        try (ProtocolClient caller = as(xop)) {
            assertEachRefused(caller, "self-call", offer(upper(xop), "v=0"), offer(cyrillic(xop), "v=0"));
            assertFree(caller, xop);
        }
    }

    @Test
    default void anOfferToSomeoneInAnotherCallGetsBusyAndTheCalleeSeesNothing() {
        String a = name("lea");
        String b = name("max");
        String c = name("ned");
        try (ProtocolClient lea = as(a); ProtocolClient max = as(b); ProtocolClient ned = as(c)) {
            ring(lea, a, max, b);
            assertEachRefused(ned, "busy", offer(b, "v=0"), offer(a, "v=0"));
            assertNothingArrives(lea, max);

            max.send(answer(a, "v=0"));
            lea.awaitType("answer");
            assertEachRefused(ned, "busy", offer(b, "v=0"), offer(a, "v=0"));
            assertNothingArrives(lea, max);
        }
    }

    @Test
    default void anOfferWhileInAnotherCallGetsAlreadyInCallBeforeBusy() {
        String a = name("olga");
        String b = name("pia");
        String c = name("quinn");
        String d = name("rex");
        String e = name("sal");
        try (ProtocolClient olga = as(a); ProtocolClient pia = as(b); ProtocolClient quinn = as(c);
             ProtocolClient rex = as(d); ProtocolClient sal = as(e)) {
            ring(olga, a, pia, b);
            ring(quinn, c, rex, d);
            // quinn is busy too, but the caller's own call is checked first.
            assertEachRefused(olga, "already-in-call", offer(c, "v=0"), offer(e, "v=0"));
            assertEachRefused(olga, "user-not-found", offer(name("offline"), "v=0"));
            assertNothingArrives(quinn, sal);
            assertInCall(olga, a, pia, b);
        }
    }

    // Rules 8 and 9

    @Test
    default void trickleRenegotiationAndGlareAreRelayedBothWaysInsideThePair() {
        String a = name("rob");
        String b = name("sue");
        try (ProtocolClient rob = as(a); ProtocolClient sue = as(b)) {
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
            assertEquals("v=0 answer", rob.awaitType("answer").getJsonObject("answer").getString("sdp"));
            // Renegotiation once connected, from either side.
            rob.send(offer(b, "v=0 renegotiate"));
            assertEquals("v=0 renegotiate", sue.awaitType("offer").getJsonObject("offer").getString("sdp"));
            sue.send(answer(a, "v=0 re-answer"));
            assertEquals(b, rob.awaitType("answer").getString("name"));
            sue.send(offer(a, "v=0 renegotiate back"));
            assertEquals(b, rob.awaitType("offer").getString("name"));
            rob.send(answer(b, "v=0 back"));
            assertEquals(a, sue.awaitType("answer").getString("name"));
            rob.send(candidate(b, "candidate:late"));
            assertEquals(a, sue.awaitType("candidate").getString("name"));
            assertNothingArrives(rob, sue);
        }
    }

    @Test
    default void theCalleesAnswerConnectsTheCallSoDeclineNoLongerApplies() {
        String a = name("tom");
        String b = name("uma");
        try (ProtocolClient tom = as(a); ProtocolClient uma = as(b)) {
            ring(tom, a, uma, b);
            JsonObject answer = answer(upper(a), "v=0 uma");
            uma.send(answer);
            JsonObject relayed = tom.awaitType("answer");
            assertEquals(b, relayed.getString("name"));
            assertEquals(answer.getJsonObject("answer"), relayed.getJsonObject("answer"));

            assertEachRefused(uma, "not-in-call", decline(a));
            tom.expectNothing();
            assertInCall(uma, b, tom, a);
        }
    }

    @Test
    default void answerOrCandidateToSomeoneNotYourPeerGetsNotInCall() {
        String a = name("vic");
        String b = name("wes");
        String c = name("xia");
        String offline = name("offline");
        try (ProtocolClient vic = as(a); ProtocolClient wes = as(b); ProtocolClient xia = as(c)) {
            // Outside any call.
            assertEachRefused(vic, "not-in-call", answer(b, "v=0"), candidate(b, "c"), candidate(offline, "c"));
            ring(vic, a, wes, b);
            // From a stranger to either of the pair, or to nobody.
            assertEachRefused(xia, "not-in-call", answer(a, "v=0"), candidate(b, "c"), candidate(offline, "c"));
            // From inside the pair to someone else.
            assertEachRefused(wes, "not-in-call", candidate(c, "c"), answer(c, "v=0"));
            assertEachRefused(vic, "not-in-call", answer(c, "v=0"));
            assertNothingArrives(vic, wes, xia);
            assertStillRinging(vic, a, wes, b);
        }
    }

    // Rule 10

    @Test
    default void theCalleeDeclinesARingingCallAndBothAreFreeAgain() {
        String a = name("yan");
        String b = name("zed");
        try (ProtocolClient yan = as(a); ProtocolClient zed = as(b)) {
            ring(yan, a, zed, b);
            zed.send(decline(upper(a)));
            assertEquals(b, yan.awaitType("decline").getString("name"));
            assertNothingArrives(yan, zed);
            assertFree(yan, a);
            assertFree(zed, b);
        }
    }

    @Test
    default void declineFromTheCallerAStrangerOrNamingSomeoneElseGetsNotInCall() {
        String a = name("ben");
        String b = name("cat");
        String c = name("dan");
        try (ProtocolClient ben = as(a); ProtocolClient cat = as(b); ProtocolClient dan = as(c)) {
            ring(ben, a, cat, b);
            assertEachRefused(ben, "not-in-call", decline(b));
            assertEachRefused(dan, "not-in-call", decline(a));
            assertEachRefused(cat, "not-in-call", decline(c));
            assertNothingArrives(ben, cat, dan);
            assertStillRinging(ben, a, cat, b);
        }
    }

    // Rule 11

    @Test
    default void leaveEndsTheCallAndTellsThePeerExactlyOnce() {
        String a = name("kay");
        String b = name("lee");
        try (ProtocolClient kay = as(a); ProtocolClient lee = as(b)) {
            connect(kay, a, lee, b);
            kay.send(leave());
            assertLeave(a, "hangup", lee.awaitType("leave"));
            // The call is over: a second leave, and the peer's, are ignored.
            kay.send(leave());
            lee.send(leave());
            assertNothingArrives(kay, lee);
            assertEachRefused(kay, "not-in-call", candidate(b, "c"));
            assertEachRefused(lee, "not-in-call", candidate(a, "c"));
        }
    }

    @Test
    default void theCallerCancelsARingingCallWithLeave() {
        String a = name("jo");
        String b = name("ken");
        try (ProtocolClient jo = as(a); ProtocolClient ken = as(b)) {
            ring(jo, a, ken, b);
            jo.send(leave());
            assertLeave(a, "hangup", ken.awaitType("leave"));
            assertEachRefused(ken, "not-in-call", answer(a, "too late"));
        }
    }

    @Test
    default void leaveEndsOnlyTheSendersOwnCallWhateverNameItCarries() {
        String a = name("eve");
        String b = name("fay");
        String c = name("gus");
        String d = name("hob");
        try (ProtocolClient eve = as(a); ProtocolClient fay = as(b); ProtocolClient gus = as(c);
             ProtocolClient hob = as(d)) {
            connect(eve, a, fay, b);
            connect(gus, c, hob, d);
            eve.send(leave(c));
            assertEquals(a, fay.awaitType("leave").getString("name"));
            assertNothingArrives(gus, hob);
            assertInCall(gus, c, hob, d);
        }
    }

    @Test
    default void leaveOutsideACallIsIgnoredWithoutReply() {
        String a = name("ian");
        String b = name("jan");
        try (ProtocolClient ian = as(a); ProtocolClient jan = as(b)) {
            ian.send(leave());
            ian.send(leave(b));
            assertNothingArrives(ian, jan);
        }
    }

    @Test
    default void theEndedPairCanCallAgain() {
        String a = name("kit");
        String b = name("lars");
        try (ProtocolClient kit = as(a); ProtocolClient lars = as(b)) {
            connect(kit, a, lars, b);
            lars.send(leave());
            assertEquals(b, kit.awaitType("leave").getString("name"));
            ring(lars, b, kit, a);
        }
    }

    // Rule 12

    @Test
    default void aClosedConnectionFreesItsNameAtOnceAndItsPeerGetsLeave() {
        String a = name("lou");
        String b = name("mia");
        try (ProtocolClient lou = as(a); ProtocolClient mia = as(b)) {
            connect(lou, a, mia, b);
            lou.close();
            assertLeave(a, "disconnected", mia.awaitType("leave"));
            mia.expectNothing();
            assertEachRefused(mia, "not-in-call", candidate(a, "c"));
            try (ProtocolClient again = as(upper(a))) {
                assertTrue(again.isOpen());
            }
        }
    }

    @Test
    default void theCalleeDisconnectingWhileRingingTellsTheCaller() {
        String a = name("nia");
        String b = name("oz");
        try (ProtocolClient nia = as(a); ProtocolClient oz = as(b)) {
            ring(nia, a, oz, b);
            oz.close();
            assertLeave(b, "disconnected", nia.awaitType("leave"));
            assertEachRefused(nia, "not-in-call", candidate(b, "c"));
        }
    }

    @Test
    default void aDisconnectedUserIsNoLongerReachable() {
        String a = name("pam");
        String b = name("rod");
        try (ProtocolClient pam = as(a); ProtocolClient rod = as(b)) {
            closeSeenByTheServer(rod, b);
            assertEachRefused(pam, "user-not-found", offer(b, "v=0"));
            rod.expectNothing();
        }
    }

    // Rule 24

    @Test
    default void aLostConnectionMakesItsUserAwayAndTheTokenResumesTheCall() {
        String a = name("abe");
        String b = name("bo");
        try (ProtocolClient abe = driver().connectLosable(); ProtocolClient bo = as(b);
             ProtocolClient again = newConnection()) {
            String token = abe.logIn(a).getString("token");
            connect(abe, a, bo, b);
            abe.loseConnection();
            assertEquals(a, bo.awaitType("away").getString("name"));
            // Away keeps the name: without the token it is taken, and an offer to it is busy.
            try (ProtocolClient other = newConnection()) {
                assertLoginRefused("name-taken", loginReply(other, login(a)));
            }

            JsonObject reply = loginReply(again, login(a, token));
            assertTrue(reply.getBoolean("success"), reply::toString);
            assertResumedCall(b, "connected", "caller", reply);
            assertEquals(a, bo.awaitType("back").getString("name"));
            assertInCall(again, a, bo, b);
            assertInCall(bo, b, again, a);
        }
    }

    @Test
    default void messagesForAnAwayUserAreHeldAndDeliveredInOrderWhenItResumes() {
        String a = name("cal");
        String b = name("dee");
        try (ProtocolClient cal = driver().connectLosable(); ProtocolClient dee = as(b);
             ProtocolClient again = newConnection()) {
            String token = cal.logIn(a).getString("token");
            ring(dee, b, cal, a);
            cal.loseConnection();
            dee.awaitType("away");
            for (int i = 0; i < 20; i++) {
                dee.send(candidate(a, "candidate:" + i));
            }
            dee.send(users(a));
            dee.awaitType("users");

            JsonObject reply = loginReply(again, login(a, token));
            assertResumedCall(b, "ringing", "callee", reply);
            for (int i = 0; i < 20; i++) {
                assertEquals("candidate:" + i, again.awaitType("candidate").getJsonObject("candidate").getString("candidate"));
            }
            assertEquals(a, dee.awaitType("back").getString("name"));
            // Still ringing: the resumed callee may answer.
            again.send(answer(b, "v=0"));
            assertEquals(a, dee.awaitType("answer").getString("name"));
        }
    }

    @Test
    default void anAwayUserIsListedAndANewOfferToItGetsBusy() {
        String a = name("eli");
        String b = name("flo");
        String w = name("wit");
        try (ProtocolClient eli = driver().connectLosable(); ProtocolClient flo = as(b); ProtocolClient wit = as(w)) {
            eli.logIn(a);
            // A witness in a call with eli hears when the server notices the loss, then hangs up.
            ring(wit, w, eli, a);
            eli.loseConnection();
            assertEquals(a, wit.awaitType("away").getString("name"));
            wit.send(leave());

            assertEachRefused(flo, "busy", offer(a, "v=0"));
            flo.send(users(a));
            assertUsers(List.of(a), 1, flo.awaitType("users"));
        }
    }

    @Test
    default void whenTheResumeWindowPassesTheNameIsFreedAndThePeerHearsLeaveDisconnected() {
        String a = name("gil");
        String b = name("hal");
        try (ProtocolClient gil = driver().connectLosable(); ProtocolClient hal = as(b)) {
            String token = gil.logIn(a).getString("token");
            connect(hal, b, gil, a);
            gil.loseConnection();
            hal.awaitType("away");
            driver().resumeWindowPasses();
            assertLeave(a, "disconnected", hal.awaitType("leave"));
            try (ProtocolClient late = newConnection()) {
                // Freed: the name is anyone's, and the old token resumes nothing.
                JsonObject fresh = loginReply(late, login(a, token));
                assertTrue(fresh.getBoolean("success"), fresh::toString);
                assertFalse(fresh.getBoolean("resumed"), fresh::toString);
                assertFalse(fresh.containsKey("call"), fresh::toString);
            }
        }
    }

    // Rule 27

    @Test
    default void aCallRingingPastTheRingTimeoutEndsWithNoAnswerWhileAnAnsweredOneGoesOn() {
        String a = name("ada");
        String b = name("bea");
        String c = name("cy");
        String d = name("dot");
        try (ProtocolClient ada = as(a); ProtocolClient bea = as(b); ProtocolClient cy = as(c);
             ProtocolClient dot = as(d)) {
            connect(ada, a, bea, b);
            ring(cy, c, dot, d);
            driver().ringTimeoutPasses();
            assertLeave(d, "no-answer", cy.awaitType("leave"));
            assertLeave(c, "no-answer", dot.awaitType("leave"));
            assertEachRefused(dot, "not-in-call", answer(c, "too late"));
            assertNothingArrives(ada, bea);
            assertInCall(ada, a, bea, b);
            // The unanswered pair may ring again.
            ring(cy, c, dot, d);
        }
    }

    // Rule 13

    @Test
    default void messagesFromOneSenderToOneRecipientArriveInOrder() {
        String a = name("pat");
        String b = name("quy");
        try (ProtocolClient pat = as(a); ProtocolClient quy = as(b)) {
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
    default void framesOfTheWrongShapeGetMalformedAndTheConnectionStaysOpen() {
        String self = name("ray");
        try (ProtocolClient client = as(self)) {
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
    default void aLoginWhoseNameIsNotAStringIsMalformed() {
        try (ProtocolClient client = newConnection()) {
            client.send("{\"type\":\"login\",\"name\":5}");
            client.awaitError("malformed");
            client.send("{\"type\":\"login\",\"name\":\"ok\",\"token\":{}}");
            client.awaitError("malformed");
            client.logIn(name("sam"));
        }
    }

    // Rule 15

    @Test
    default void anUnknownTypeGetsUnknownTypeWithTheSeedsMessage() {
        try (ProtocolClient client = newConnection()) {
            client.send("{\"type\":\"dance\"}");
            assertEquals("Unrecognized command: dance", client.awaitError("unknown-type").getString("message"));
            client.logIn(name("tess"));
            client.send("{\"type\":\"dance\"}");
            assertEquals("Unrecognized command: dance", client.awaitError("unknown-type").getString("message"));
        }
    }

    // Rule 22

    @Test
    default void loginCarriesStunAndTurnServersWithEphemeralCredentials() throws Exception {
        String name = name("tia");
        try (ProtocolClient client = newConnection()) {
            long before = Instant.now().getEpochSecond();
            JsonObject reply = client.logIn(name);
            long after = Instant.now().getEpochSecond();
            assertIceServers(name, before, after, reply);
        }
    }

    /** The STUN and TURN servers of rule 22, with credentials issued between {@code before} and {@code after}. */
    private void assertIceServers(String name, long before, long after, JsonObject reply) throws Exception {
        Ice ice = driver().ice();
        var servers = reply.getJsonArray("iceServers");
        assertEquals(2, servers.size(), reply::toString);
        JsonObject stun = servers.getJsonObject(0);
        assertEquals(List.of(ice.stunUrl()), stun.getJsonArray("urls").getValuesAs(JsonString::getString));
        assertFalse(stun.containsKey("credential"));
        JsonObject turn = servers.getJsonObject(1);
        assertEquals(List.of(ice.turnUrl()), turn.getJsonArray("urls").getValuesAs(JsonString::getString));
        String username = turn.getString("username");
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        assertTrue(expiry >= before + ice.ttlSeconds() && expiry <= after + ice.ttlSeconds(), username);
        assertEquals(name, username.substring(username.indexOf(':') + 1));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(ice.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        assertTrue(MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                turn.getString("credential").getBytes(StandardCharsets.UTF_8)), turn::toString);
        assertFalse(reply.toString().contains(ice.secret()));
    }

    // Rule 29

    @Test
    default void iceRepliesWithServersWhoseCredentialsAreIssuedNow() throws Exception {
        String name = name("ivy");
        try (ProtocolClient client = as(name)) {
            // Expiries count whole seconds: step into the next one so fresh credentials differ from the login's.
            Thread.sleep(1000 - System.currentTimeMillis() % 1000);
            long before = Instant.now().getEpochSecond();
            client.send(ice());
            JsonObject reply = client.awaitType("ice");
            long after = Instant.now().getEpochSecond();
            assertIceServers(name, before, after, reply);
        }
    }

    // Rule 23

    @Test
    default void usersListsOnlineNamesByPrefixIgnoringCaseSortedIgnoringCaseWithTotal() {
        String prefix = name("Roster") + "_";
        List<ProtocolClient> clients = new ArrayList<>();
        try {
            for (String suffix : List.of("Alicia", "carol", "ALBERT", "alf", "alice")) {
                clients.add(as(prefix + suffix));
            }
            ProtocolClient asker = clients.get(0);
            asker.send(users(upper(prefix) + "al"));
            assertUsers(List.of(prefix + "ALBERT", prefix + "alf", prefix + "alice", prefix + "Alicia"), 4,
                    asker.awaitType("users"));
            asker.send(users(prefix.toLowerCase(Locale.ROOT)));
            assertUsers(List.of(prefix + "ALBERT", prefix + "alf", prefix + "alice", prefix + "Alicia", prefix + "carol"),
                    5, asker.awaitType("users"));
            asker.send(users(name("nobody")));
            assertUsers(List.of(), 0, asker.awaitType("users"));

            // Without a prefix: everyone, which on a shared server includes other tests' users.
            asker.send(users(null));
            JsonObject all = asker.awaitType("users");
            assertTrue(all.getInt("total") >= 5, all::toString);
            assertTrue(all.getJsonArray("users").size() <= 100, all::toString);
        } finally {
            clients.forEach(ProtocolClient::close);
        }
    }

    @Test
    default void usersReturnsAtMost100NamesButCountsAllMatches() {
        String prefix = name("Crowd") + "_";
        List<String> names = IntStream.range(0, 105).mapToObj(i -> prefix + String.format("%03d", i)).toList();
        List<ProtocolClient> clients = new ArrayList<>();
        try {
            for (String crowd : names) {
                clients.add(as(crowd));
            }
            ProtocolClient asker = clients.get(0);
            asker.send(users(prefix));
            assertUsers(names.subList(0, 100), 105, asker.awaitType("users"));
        } finally {
            clients.forEach(ProtocolClient::close);
        }
    }

    @Test
    default void usersLeavesOutWhoDisconnected() {
        String prefix = name("Gone") + "_";
        try (ProtocolClient stays = as(prefix + "stays"); ProtocolClient goes = as(prefix + "goes")) {
            closeSeenByTheServer(goes, prefix + "goes");
            stays.send(users(prefix));
            assertUsers(List.of(prefix + "stays"), 1, stays.awaitType("users"));
        }
    }

    // Rule 28

    @Test
    default void usersNamesTheListedUsersWhoAreRingingConnectedOrAwayAsBusyInTheSameOrder() {
        String prefix = name("Busy") + "_";
        String amy = prefix + "amy";
        String ben = prefix + "ben";
        String cat = prefix + "cat";
        String dan = prefix + "dan";
        String eve = prefix + "eve";
        String fay = prefix + "fay";
        String gus = prefix + "gus";
        String w = name("wit");
        try (ProtocolClient eveLine = driver().connectLosable(); ProtocolClient amyLine = as(amy);
             ProtocolClient benLine = as(ben); ProtocolClient catLine = as(cat); ProtocolClient danLine = as(dan);
             ProtocolClient fayLine = as(fay); ProtocolClient gusLine = as(gus); ProtocolClient wit = as(w)) {
            eveLine.logIn(eve);
            // A witness in a call with eve hears when the server notices the loss, then hangs up:
            // eve is then away and in no call.
            ring(wit, w, eveLine, eve);
            eveLine.loseConnection();
            assertEquals(eve, wit.awaitType("away").getString("name"));
            wit.send(leave());
            ring(amyLine, amy, catLine, cat);
            connect(gusLine, gus, danLine, dan);

            fayLine.send(users(prefix));
            JsonObject reply = fayLine.awaitType("users");
            assertUsers(List.of(amy, ben, cat, dan, eve, fay, gus), 7, reply);
            assertBusy(List.of(amy, cat, dan, eve, gus), reply);

            // A call that ends frees both: the peer hears leave after the server ended the call.
            danLine.send(leave());
            gusLine.awaitType("leave");
            fayLine.send(users(prefix));
            assertBusy(List.of(amy, cat, eve), fayLine.awaitType("users"));
        }
    }

    private static void assertBusy(List<String> names, JsonObject reply) {
        assertEquals(names, reply.getJsonArray("busy").getValuesAs(JsonString::getString), reply::toString);
    }

    @Test
    default void aWatchedListIsSentAgainWhenItChangesUntilTheNextUsers() {
        String prefix = name("Watch") + "_";
        try (ProtocolClient watcher = as(prefix + "w")) {
            watcher.send(watchUsers(prefix));
            assertUsers(List.of(prefix + "w"), 1, watcher.awaitType("users"));
            driver().watchPeriodPasses();
            // Nothing changed for the prefix: nothing is sent, however long the page stays.
            watcher.expectNothing();
            try (ProtocolClient joiner = as(prefix + "x")) {
                driver().watchPeriodPasses();
                assertUsers(List.of(prefix + "w", prefix + "x"), 2, watcher.awaitType("users"));
                // A users without watch is answered once and ends the watch.
                watcher.send(users(prefix));
                watcher.awaitType("users");
            }
            driver().watchPeriodPasses();
            watcher.expectNothing();
        }
    }

    private static void assertUsers(List<String> names, int total, JsonObject reply) {
        assertEquals(names, reply.getJsonArray("users").getValuesAs(JsonString::getString), reply::toString);
        assertEquals(total, reply.getInt("total"), reply::toString);
    }

    // Seed compatibility: the tutorial's client, message for message.

    @Test
    default void aClientWrittenForTheSeedTutorialWorksUnchanged() {
        String a = name("seedA");
        String b = name("seedB");
        try (ProtocolClient caller = newConnection(); ProtocolClient callee = newConnection()) {
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
            try (ProtocolClient late = newConnection()) {
                late.send("{\"type\":\"login\",\"name\":\"" + a + "\"}");
                assertFalse(late.awaitType("login").getBoolean("success"));
            }
        }
    }
}
