package org.callsign.presence;

import static org.callsign.presence.TestClient.loggedIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.callsign.ice.IceServer;
import org.callsign.ice.IceServers;
import org.callsign.message.ClientMessage.Answer;
import org.callsign.message.ClientMessage.Candidate;
import org.callsign.message.ClientMessage.Invalid;
import org.callsign.message.ClientMessage.Leave;
import org.callsign.message.ClientMessage.Offer;
import org.callsign.message.CloseCode;
import org.callsign.message.ErrorCode;
import org.callsign.message.ServerMessage;
import org.callsign.message.ServerMessage.Declined;
import org.callsign.message.ServerMessage.ErrorReply;
import org.callsign.message.ServerMessage.LoginAccepted;
import org.callsign.message.ServerMessage.LoginRefused;
import org.callsign.message.ServerMessage.PeerLeft;
import org.callsign.message.ServerMessage.RelayedAnswer;
import org.callsign.message.ServerMessage.RelayedCandidate;
import org.callsign.message.ServerMessage.RelayedOffer;
import org.callsign.message.ServerMessage.UserList;
import org.junit.jupiter.api.Test;

class RouterTest {

    private final Presence presence = new LocalPresence();
    private final Calls calls = new LocalCalls();
    private final Router router = new Router(new Registry.Local(presence, calls), IceServers.none());
    private final TestClient alice = as("alice");
    private final TestClient bob = as("bob");

    private TestClient client() {
        return new TestClient(router);
    }

    private TestClient as(String name) {
        return loggedIn(router, name);
    }

    private static String refusal(TestClient client) {
        LoginRefused refused = client.outbox().last(LoginRefused.class);
        assertFalse(refused.success());
        return refused.code();
    }

    /** alice calls bob; bob's outbox is emptied. */
    private void ring() {
        alice.offer("bob");
        bob.outbox().drain();
    }

    /** alice calls bob and bob answers; both outboxes are emptied. */
    private void connect() {
        ring();
        bob.answer("alice");
        alice.outbox().drain();
    }

    private void assertNoCalls() {
        assertNull(calls.of(alice.member()));
        assertNull(calls.of(bob.member()));
        assertEquals(0, router.callsRinging() + router.callsConnected());
    }

    /** A new connection that logs in as alice with alice's token. */
    private TestClient reloadAlice() {
        TestClient reloaded = client();
        reloaded.login("ALICE", alice.token());
        return reloaded;
    }

    // Rules 1-5: identity

    @Test
    void aValidLoginIsAcceptedWithTheNameAndAUrlSafeTokenOfAtLeast128Bits() {
        TestClient carol = client();
        carol.login("Carol");

        LoginAccepted accepted = carol.outbox().last(LoginAccepted.class);
        assertTrue(accepted.success());
        assertEquals("Carol", accepted.name());
        assertTrue(accepted.token().matches("[A-Za-z0-9_-]{22,}"), accepted.token());
        assertSame(carol.member(), presence.find(carol.member().name()));
        assertFalse(accepted.token().equals(alice.token()));
    }

    @Test
    void anInvalidNameIsRefusedAsInvalidName() {
        for (String name : List.of("", "a b", "tab\t", "x".repeat(33), "<script>", "a@b")) {
            TestClient client = client();
            client.login(name);
            assertEquals("invalid-name", refusal(client), name);
            assertNull(client.member());
        }
        assertEquals(2, router.online());
    }

    @Test
    void aSecondLoginWithTheSameNameIsRefusedAsNameTakenIgnoringCase() {
        for (String name : List.of("alice", "ALICE", "aLiCe")) {
            TestClient other = client();
            other.login(name);
            assertEquals("name-taken", refusal(other), name);
            assertNull(other.member());
        }
        assertSame(alice.member(), presence.find(alice.member().name()));
    }

    @Test
    void aSecondLoginOnTheSameConnectionIsRefusedAsAlreadyLoggedIn() {
        alice.login("carol");

        assertEquals("already-logged-in", refusal(alice));
        assertEquals("alice", alice.member().toString());
        assertEquals(2, router.online());
    }

    @Test
    void theTokenTakesTheNameOverAndClosesTheOldConnectionAsReplaced() {
        TestClient reloaded = reloadAlice();

        assertEquals("ALICE", reloaded.outbox().last(LoginAccepted.class).name());
        assertEquals(CloseCode.REPLACED, alice.outbox().closedWith());
        assertSame(reloaded.member(), presence.find(reloaded.member().name()));
        assertFalse(alice.token().equals(reloaded.outbox().last(LoginAccepted.class).token()));
    }

    @Test
    void aTakeoverEndsTheOldConnectionsCallAndTellsItsPeer() {
        connect();
        reloadAlice();

        assertEquals(List.of(new PeerLeft("alice")), bob.outbox().messages());
        assertNull(calls.of(bob.member()));
    }

    @Test
    void theOldConnectionsCloseAfterATakeoverLeavesTheNameWithTheNewOne() {
        TestClient reloaded = reloadAlice();
        alice.disconnect();

        assertSame(reloaded.member(), presence.find(reloaded.member().name()));
        bob.offer("alice");
        assertEquals("bob", reloaded.outbox().last(RelayedOffer.class).name());
    }

    @Test
    void aWrongTokenIsRefusedAsNameTakenAndTheHolderStays() {
        TestClient intruder = client();
        intruder.login("alice", "not-the-token");

        assertEquals("name-taken", refusal(intruder));
        assertNull(alice.outbox().closedWith());
        assertSame(alice.member(), presence.find(alice.member().name()));
    }

    @Test
    void aTokenStopsWorkingOnceItHasBeenUsed() {
        reloadAlice();

        TestClient third = reloadAlice();
        assertEquals("name-taken", refusal(third));
    }

    @Test
    void aTokenDoesNotReserveAFreeName() {
        alice.disconnect();

        TestClient anyone = client();
        anyone.login("alice");
        assertTrue(anyone.outbox().last(LoginAccepted.class).success());
    }

    @Test
    void loginRepliesCarryStunAndTurnServersWithCredentialsForTheName() {
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);
        IceServers ice = new IceServers(List.of("stun:stun.example.org"), List.of("turn:turn.example.org"),
                Optional.of("s3cret"), 3600, clock);
        TestClient withIce = new TestClient(new Router(Registry.local(), ice));
        withIce.login("alice");

        // The credential is base64(HMAC-SHA1("s3cret", "1700003600:alice")), computed with openssl.
        assertEquals(List.of(IceServer.stun(List.of("stun:stun.example.org")),
                new IceServer(List.of("turn:turn.example.org"), "1700003600:alice", "YAFdW/YDZewZsR1QSgUk2IrfbRI=")),
                withIce.outbox().last(LoginAccepted.class).iceServers());
    }

    @Test
    void everyMessageBeforeLoginGetsNotLoggedIn() {
        TestClient anonymous = client();
        anonymous.offer("bob");
        anonymous.answer("bob");
        anonymous.candidate("bob");
        anonymous.leave();
        anonymous.decline("bob");
        anonymous.users(null);

        List<ServerMessage> replies = anonymous.outbox().messages();
        assertEquals(6, replies.size(), replies::toString);
        replies.forEach(reply -> assertEquals("not-logged-in", ((ErrorReply) reply).code(), reply::toString));
        bob.outbox().assertNothingArrived();
    }

    @Test
    void aFrameTheReaderRefusedGetsItsErrorCodeAndDetail() {
        alice.send(new Invalid(ErrorCode.UNKNOWN_TYPE, "Unrecognized command: dance"));

        assertEquals(new ErrorReply("unknown-type", "Unrecognized command: dance"),
                alice.outbox().last(ErrorReply.class));
    }

    // Rules 6-8: starting a call

    @Test
    void anOfferIsRelayedWithTheCallersLoggedInNameAndItsPayloadUntouched() {
        Offer offer = new Offer("BOB", TestClient.description("offer", "v=0 alice"));
        alice.send(offer);

        assertEquals(List.of(new RelayedOffer("alice", offer.offer())), bob.outbox().messages());
        alice.outbox().assertNothingArrived();
        assertEquals(1, router.callsRinging());
    }

    @Test
    void anOfferToSomeoneOfflineGetsUserNotFound() {
        for (String callee : List.of("carol", "not a name")) {
            alice.offer(callee);
            alice.outbox().lastError("user-not-found");
        }
        assertNull(calls.of(alice.member()));
    }

    @Test
    void anOfferToOneselfGetsSelfCallIgnoringCase() {
        alice.offer("ALICE");

        alice.outbox().lastError("self-call");
        assertNull(calls.of(alice.member()));
    }

    @Test
    void anOfferToACalleeInAnotherCallGetsBusyAndTheCalleeSeesNothing() {
        TestClient carol = as("carol");
        ring();

        carol.offer("bob");
        carol.outbox().lastError("busy");
        bob.outbox().assertNothingArrived();

        bob.answer("alice");
        bob.outbox().drain();
        carol.offer("bob");
        carol.outbox().lastError("busy");
        bob.outbox().assertNothingArrived();
    }

    @Test
    void anOfferWhileInAnotherCallGetsAlreadyInCallBeforeBusy() {
        TestClient carol = as("carol");
        TestClient dave = as("dave");
        ring();
        carol.offer("dave");
        dave.outbox().drain();

        alice.offer("carol");
        alice.outbox().lastError("already-in-call");
        alice.offer("erin");
        alice.outbox().lastError("user-not-found");
        assertEquals(List.of(), carol.outbox().all(RelayedOffer.class));
        assertSame(calls.of(bob.member()), calls.of(alice.member()));
    }

    // Rule 9: inside the pair

    @Test
    void trickleRenegotiationAndGlareAreRelayedBothWaysInsideThePair() {
        alice.offer("bob");
        alice.candidate("bob");
        bob.candidate("alice");
        bob.offer("alice");
        bob.answer("alice");
        alice.answer("bob");
        alice.offer("bob");

        assertEquals(List.of(RelayedOffer.class, RelayedCandidate.class, RelayedAnswer.class, RelayedOffer.class),
                types(bob.outbox().messages()));
        assertEquals(List.of(RelayedCandidate.class, RelayedOffer.class, RelayedAnswer.class),
                types(alice.outbox().messages()));
    }

    private static List<Class<?>> types(List<ServerMessage> messages) {
        return messages.stream().<Class<?>>map(Object::getClass).toList();
    }

    @Test
    void theCalleesAnswerConnectsTheCall() {
        alice.offer("bob");
        Answer answer = new Answer("Alice", TestClient.description("answer", "v=0 bob"));
        bob.send(answer);

        assertEquals(new RelayedAnswer("bob", answer.answer()), alice.outbox().last(RelayedAnswer.class));
        assertEquals(Call.Phase.CONNECTED, calls.of(alice.member()).phase());
        assertEquals(1, router.callsConnected());
        assertEquals(0, router.callsRinging());
    }

    @Test
    void answerOrCandidateFromAThirdPartyGetsNotInCallAndReachesNobody() {
        TestClient mallory = as("mallory");
        ring();

        mallory.answer("alice");
        mallory.outbox().lastError("not-in-call");
        mallory.candidate("bob");
        mallory.outbox().lastError("not-in-call");
        mallory.candidate("nobody");
        mallory.outbox().lastError("not-in-call");

        alice.outbox().assertNothingArrived();
        bob.outbox().assertNothingArrived();
        assertTrue(calls.of(alice.member()).isRinging());
    }

    @Test
    void answerOrCandidateToSomeoneOtherThanYourPeerGetsNotInCall() {
        TestClient carol = as("carol");
        alice.offer("bob");

        bob.send(new Candidate("carol", TestClient.iceCandidate("c")));
        bob.outbox().lastError("not-in-call");
        bob.send(new Answer("carol", TestClient.description("answer", "v=0")));
        bob.outbox().lastError("not-in-call");

        carol.outbox().assertNothingArrived();
        assertTrue(calls.of(alice.member()).isRinging());
    }

    // Rule 10: decline

    @Test
    void theCalleesDeclineTellsTheCallerAndFreesBoth() {
        ring();
        bob.decline("ALICE");

        assertEquals(List.of(new Declined("bob")), alice.outbox().messages());
        bob.outbox().assertNothingArrived();
        assertNoCalls();
    }

    @Test
    void declineFromTheCallerAStrangerOrNamingSomeoneElseGetsNotInCall() {
        TestClient carol = as("carol");
        alice.offer("bob");

        alice.decline("bob");
        alice.outbox().lastError("not-in-call");
        carol.decline("alice");
        carol.outbox().lastError("not-in-call");
        bob.decline("carol");
        bob.outbox().lastError("not-in-call");

        assertTrue(calls.of(bob.member()).isRinging());
        assertEquals(List.of(), alice.outbox().all(Declined.class));
    }

    @Test
    void declineOnceTheCallIsConnectedGetsNotInCall() {
        connect();
        bob.decline("alice");

        bob.outbox().lastError("not-in-call");
        alice.outbox().assertNothingArrived();
        assertEquals(Call.Phase.CONNECTED, calls.of(alice.member()).phase());
    }

    // Rules 11-12: ending a call

    @Test
    void leaveEndsTheCallAndTellsThePeerExactlyOnce() {
        connect();
        alice.leave();
        alice.leave();
        bob.leave();

        assertEquals(List.of(new PeerLeft("alice")), bob.outbox().messages());
        alice.outbox().assertNothingArrived();
        assertNoCalls();
    }

    @Test
    void theCallerCancelsARingingCallWithLeave() {
        ring();
        alice.leave();

        assertEquals(List.of(new PeerLeft("alice")), bob.outbox().messages());
        assertEquals(0, router.callsRinging());
    }

    @Test
    void leaveEndsOnlyTheSendersOwnCallWhateverNameItCarries() {
        TestClient carol = as("carol");
        TestClient dave = as("dave");
        connect();
        carol.offer("dave");
        dave.outbox().drain();

        carol.send(new Leave("alice"));

        assertEquals(List.of(new PeerLeft("carol")), dave.outbox().messages());
        alice.outbox().assertNothingArrived();
        bob.outbox().assertNothingArrived();
        assertSame(calls.of(alice.member()), calls.of(bob.member()));
    }

    @Test
    void leaveOutsideACallIsIgnoredWithoutReply() {
        alice.send(new Leave("bob"));

        alice.outbox().assertNothingArrived();
        bob.outbox().assertNothingArrived();
    }

    @Test
    void theEndedPairCanCallAgain() {
        connect();
        bob.leave();
        alice.outbox().drain();

        bob.offer("alice");
        assertEquals("bob", alice.outbox().last(RelayedOffer.class).name());
    }

    @Test
    void aDisconnectMidCallTellsThePeerAndFreesTheName() {
        connect();
        bob.disconnect();

        assertEquals(List.of(new PeerLeft("bob")), alice.outbox().messages());
        assertNull(calls.of(alice.member()));
        assertEquals(1, router.online());
        as("BOB");
    }

    @Test
    void theCalleeDisconnectingWhileRingingTellsTheCaller() {
        alice.offer("bob");
        bob.disconnect();

        assertEquals(List.of(new PeerLeft("bob")), alice.outbox().messages());
        assertEquals(0, router.callsRinging());
    }

    @Test
    void aDisconnectedUserIsNoLongerReachable() {
        bob.disconnect();

        alice.offer("bob");
        alice.outbox().lastError("user-not-found");
        bob.outbox().assertNothingArrived();
    }

    // Rule 13

    @Test
    void messagesFromOneSenderToOneRecipientArriveInOrder() {
        alice.offer("bob");
        List<String> sent = IntStream.range(0, 20).mapToObj(i -> "candidate:" + i).toList();
        sent.forEach(text -> alice.send(new Candidate("bob", TestClient.iceCandidate(text))));

        List<String> received = bob.outbox().all(RelayedCandidate.class).stream()
                .map(relayed -> relayed.candidate().getString("candidate")).toList();
        assertEquals(sent, received);
    }

    // Rule 23: presence

    @Test
    void usersListsOnlineNamesByPrefixIgnoringCaseSortedIgnoringCase() {
        for (String name : List.of("Alicia", "carol", "ALBERT", "alf")) {
            as(name);
        }
        TestClient asker = as("zed");

        asker.users("AL");
        assertEquals(new UserList(List.of("ALBERT", "alf", "alice", "Alicia"), 4), asker.outbox().last(UserList.class));
        asker.users(null);
        assertEquals(new UserList(List.of("ALBERT", "alf", "alice", "Alicia", "bob", "carol", "zed"), 7),
                asker.outbox().last(UserList.class));
        asker.users("nobody");
        assertEquals(new UserList(List.of(), 0), asker.outbox().last(UserList.class));
    }

    @Test
    void usersListsAtMost100NamesButCountsAllMatches() {
        IntStream.range(0, 150).forEach(i -> as(String.format("user%03d", i)));

        alice.users("user");
        UserList list = alice.outbox().last(UserList.class);
        assertEquals(150, list.total());
        assertEquals(IntStream.range(0, 100).mapToObj(i -> String.format("user%03d", i)).toList(), list.users());
    }

    @Test
    void usersLeavesOutWhoDisconnected() {
        bob.disconnect();
        TestClient asker = as("zed");

        asker.users(null);
        assertEquals(new UserList(List.of("alice", "zed"), 2), asker.outbox().last(UserList.class));
    }
}
