package org.callsign.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.callsign.support.Browsers;
import org.callsign.support.Coturn;
import org.callsign.support.DeployedServerIT;
import org.callsign.support.Person;
import org.callsign.support.SignalLine;
import org.callsign.support.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page in real Chromium against the deployed WAR: people sign in, call, answer, refuse and
 * hang up, with a fake camera whose frames really cross a peer connection, directly or through
 * a real coturn. No page may log a console error it was not expected to. One class, so Payara
 * boots once for all of them.
 */
class CallIT extends DeployedServerIT {

    private static final String PAGE = "?test=1";
    private static Browsers browsers;

    @BeforeAll
    static void launch() {
        browsers = Browsers.launch();
    }

    @AfterAll
    static void shutDown() {
        if (browsers != null) {
            browsers.close();
        }
    }

    private Person alice;
    private Person bob;

    @BeforeEach
    void aliceAndBobSignIn() {
        alice = signedIn("alice");
        bob = signedIn("bob");
    }

    @AfterEach
    void noPageLoggedAnErrorAndEveryoneLeaves() {
        List<String> errors = browsers.unexpectedConsoleErrors();
        browsers.closeAll();
        assertEquals(List.of(), errors, "console errors");
    }

    private Person signedIn(String who) {
        return browsers.open(base, PAGE).signIn(name(who));
    }

    /**
     * The page watches who is online (rule 23, watch): it asks once, then the server sends changes
     * (signal.users-watch-seconds is 1 s in arquillian.xml); hidden, it asks once more to stop them.
     */
    @Test
    void aVisiblePageIsSentWhoComesOnlineWithoutAskingAgainAndAHiddenOneStopsTheUpdates() {
        Person carol = browsers.open(base, PAGE).signIn(name("carol"));
        int asked = carol.peopleAskedAfter(0);
        Person dave = signedIn("dave");
        carol.seesListed(dave);
        assertEquals(asked, carol.peopleAskedAfter(0), "carol's page asked again to see dave");

        carol.hide();
        carol.awaitPeopleAskedMoreThan(asked);
        int hiddenAsks = carol.peopleAskedAfter(0);
        Person erin = signedIn("erin");
        bob.seesListed(erin);
        assertEquals(hiddenAsks, carol.peopleAskedAfter(1_500), "a hidden page asks nothing");
        carol.seesNotListed(erin);

        carol.show();
        carol.seesListed(erin);
    }

    @Test
    void whoIsInACallIsListedAsBusyUntilTheCallEnds() {
        Person carol = browsers.open(base, PAGE + "&people=1").signIn(name("carol"));
        alice.call(bob);
        bob.sees("ringing");
        carol.seesBusy(bob);
        bob.accept();
        alice.sees("in-call");
        carol.seesBusy(alice);

        alice.hangUp();
        bob.sees("idle");
        carol.seesOnline(alice);
    }

    /** caller calls callee, who accepts; both end up in the call. */
    private static void connect(Person caller, Person callee) {
        caller.call(callee);
        callee.sees("ringing");
        callee.accept();
        caller.sees("in-call");
        callee.sees("in-call");
    }

    /** The call has ended on both sides, each told why, and neither holds a camera any more. */
    private static void endedFor(Person one, String oneSees, Person other, String otherSees) {
        one.seesCallEnded(oneSees);
        other.seesCallEnded(otherSees);
        assertTrue(one.camerasReleased() && other.camerasReleased(), "every camera and microphone track is stopped");
    }

    @Test
    void anAcceptedCallShowsEachOtherAndEndsOnBothSidesWhenOneHangsUp() {

        alice.call(bob);
        alice.sees("calling");
        alice.seesCallTitle("Calling " + bob.name() + "…");
        bob.sees("ringing");
        bob.seesCallTitle(alice.name() + " is calling you");
        assertEquals(0, bob.camerasStarted(), "the callee's camera starts only on Accept");

        alice.watchFirstFrame();
        bob.watchFirstFrame();
        long acceptedAt = System.currentTimeMillis();
        bob.accept();
        long caller = alice.firstFrameAt() - acceptedAt;
        long callee = bob.firstFrameAt() - acceptedAt;
        System.out.println("accept-to-first-frame ms: caller=" + caller + " callee=" + callee);
        assertTrue(caller < 10_000 && callee < 10_000, () -> "caller " + caller + " ms, callee " + callee + " ms");

        alice.sees("in-call");
        bob.sees("in-call");
        for (Person side : List.of(alice, bob)) {
            side.awaitFramesDecodedAbove(0);
            assertTrue(side.remoteVideoIsReceived(), "the remote video shows the received track, not the local camera");
            side.seesQuality(Pattern.compile("round trip \\d+ ms · incoming \\d+ kbit/s · direct"));
        }
        alice.mute();
        alice.turnCameraOff();
        assertFalse(alice.sends("audio") || alice.sends("video"), "muted and camera off");
        assertTrue(bob.sends("audio") && bob.sends("video"));

        bob.hangUp();
        endedFor(bob, "You hung up.", alice, bob.name() + " hung up.");
    }

    @Test
    void twoPeopleCallingEachOtherAtOnceEndUpInOneCall() {
        Person carol = browsers.open(base, PAGE);
        SignalLine carolsLine = carol.routeSignaling();
        carol.signIn(name("carol"));
        carolsLine.holdOffers();

        alice.call(carol);
        alice.sees("calling");
        carol.call(alice);
        carol.sees("calling");
        carolsLine.deliverOffers();

        for (Person side : List.of(alice, carol)) {
            side.sees("in-call");
            side.awaitFramesDecodedAbove(0);
            assertTrue(side.remoteVideoIsReceived());
        }
    }

    @Test
    void theCallerCanHangUpToo() {
        connect(alice, bob);

        alice.hangUp();
        endedFor(alice, "You hung up.", bob, alice.name() + " hung up.");
    }

    @Test
    void aDeclinedCallTellsTheCallerAndNeverStartsTheCalleesCamera() {

        alice.call(bob);
        bob.sees("ringing");
        bob.decline();
        endedFor(bob, "You declined the call from " + alice.name() + ".", alice, bob.name() + " declined the call.");
        assertEquals(0, bob.camerasStarted());
    }

    @Test
    void aSecondCallerGetsBusyAndTheCallGoesOnUndisturbed() {
        Person carol = signedIn("carol");
        connect(alice, bob);
        int aliceFrames = alice.framesDecoded();
        int bobFrames = bob.framesDecoded();

        carol.dial(alice.name());
        carol.seesCallEnded(alice.name() + " is in another call.");
        assertTrue(carol.camerasReleased());

        alice.sees("in-call");
        bob.sees("in-call");
        alice.awaitFramesDecodedAbove(aliceFrames + 10);
        bob.awaitFramesDecodedAbove(bobFrames + 10);
    }

    @Test
    void cancellingWhileItRingsStopsTheRingForTheCallee() {

        alice.call(bob);
        bob.sees("ringing");
        alice.cancel();
        endedFor(alice, "You cancelled the call.", bob, alice.name() + " cancelled the call.");
    }

    /** The server ends it after signal.ring-timeout-seconds (5 s in arquillian.xml; rule 27). */
    @Test
    void aRingNobodyAnswersEndsByItself() {
        alice.call(bob);
        bob.sees("ringing");
        endedFor(alice, bob.name() + " did not answer.", bob, "You did not answer " + alice.name() + ".");
        bob.seesMissedCallFrom(alice);
        alice.seesNoMissedCall();
    }

    /** While a call rings, the page plays a tone and swaps its title; both stop when it is answered. */
    @Test
    void anIncomingCallRingsAndShowsInTheTitleUntilAnsweredFromTheKeyboard() {
        alice.call(bob);
        bob.sees("ringing");
        bob.awaitNewestAudioContext("running");
        bob.seesTabTitle("Incoming call from " + alice.name());
        bob.hasFocusOn("Accept");

        bob.press("Enter");
        bob.sees("in-call");
        bob.awaitNewestAudioContext("closed");
        assertEquals(List.of("closed"), bob.audioContextStates(), "one ring tone, stopped");
        bob.seesTabTitle("Callsign");
        assertEquals("Callsign", bob.tabTitleAfter(1_500), "the title stays restored");
        assertEquals(List.of(), bob.notificationsShown(), "a visible page needs no notification");
        assertEquals(List.of(), alice.audioContextStates(), "the caller's page does not ring");
    }

    @Test
    void aHiddenPageIsNotifiedOfAnIncomingCall() {
        bob.hide();
        alice.call(bob);
        bob.sees("ringing");
        assertEquals(List.of("Incoming call from " + alice.name()), bob.notificationsShown());
        bob.decline();
        bob.awaitNewestAudioContext("closed");
    }

    /** A call cancelled while ringing is missed: kept across a reload until dismissed, and can be called back. */
    @Test
    void aCancelledCallIsListedAsMissedUntilDismissed() {
        alice.call(bob);
        bob.sees("ringing");
        alice.cancel();
        bob.seesCallEnded(alice.name() + " cancelled the call.");
        bob.awaitNewestAudioContext("closed");
        bob.seesTabTitle("Callsign");
        bob.seesMissedCallFrom(alice);

        bob.callBack(alice);
        alice.sees("ringing");
        alice.decline();
        bob.seesCallEnded(alice.name() + " declined the call.");
        alice.seesNoMissedCall();

        bob.reload();
        bob.seesSignedIn();
        bob.seesMissedCallFrom(alice);
        bob.dismissMissedCallFrom(alice);
        bob.seesNoMissedCall();
        bob.reload();
        bob.seesSignedIn();
        bob.seesNoMissedCall();
    }

    @Test
    void callingSomeoneOfflineOrOneselfSaysSo() {
        String nobody = name("nobody");

        alice.dial(nobody);
        alice.seesCallEnded(nobody + " is not online.");
        alice.dial(alice.name());
        alice.seesCallEnded("You cannot call yourself.");
        assertTrue(alice.camerasReleased());
    }

    @Test
    void closingTheTabEndsTheCallForThePeer() {
        connect(alice, bob);

        bob.closeTab();
        alice.seesCallEnded(bob.name() + " disconnected, so the call ended.");
        assertTrue(alice.camerasReleased());
    }

    @Test
    void aCallConnectsThroughTurnWhenOnlyRelayedPathsAreAllowed() {
        try (Coturn coturn = Coturn.start()) {
            Person carol = browsers.open(base, "?relay=1").signIn(name("carol"));
            Person dave = browsers.open(base, "?relay=1").signIn(name("dave"));

            connect(carol, dave);
            for (Person side : List.of(carol, dave)) {
                side.awaitFramesDecodedAbove(0);
                assertTrue(side.remoteVideoIsReceived());
                List<String> types = side.selectedCandidateTypes();
                assertTrue(types.contains("relay"), () -> "selected candidate pair " + types);
                side.seesQuality(Pattern.compile("relayed \\(TURN\\)"));
            }
        }
    }

    /**
     * Rule 29 and ICE restarts in the page: the TURN server restarts (same port, every allocation
     * gone), so the relayed media path breaks; the caller's page asks for fresh credentials,
     * restarts ICE, and frames flow again through the new TURN server.
     */
    @Test
    void afterTheTurnServerRestartsTheCallerRestartsIceAndFramesFlowAgain() {
        Coturn coturn = Coturn.start();
        try {
            Person carol = browsers.open(base, "?relay=1").signIn(name("carol"));
            Person dave = browsers.open(base, "?relay=1").signIn(name("dave"));
            connect(carol, dave);
            carol.awaitFramesDecodedAbove(0);
            dave.awaitFramesDecodedAbove(0);
            carol.watchFrameGaps();
            dave.watchFrameGaps();
            int carolHad = carol.framesDecoded();
            int daveHad = dave.framesDecoded();
            int iceAsked = carol.sent("ice");

            coturn.close();
            coturn = Coturn.start();
            long restartedAt = System.nanoTime();
            carol.seesCallNote("The connection to " + dave.name() + " was interrupted. Reconnecting…");
            carol.seesCallNote("");
            long recoveredMs = (System.nanoTime() - restartedAt) / 1_000_000;
            carol.awaitFramesDecodedAbove(carolHad + 30);
            dave.awaitFramesDecodedAbove(daveHad + 30);
            System.out.println("TURN restart to media path back: " + recoveredMs + " ms; longest frame gap: caller="
                    + carol.longestFrameGapMs() + " ms callee=" + dave.longestFrameGapMs() + " ms");

            assertTrue(carol.sent("ice") > iceAsked, "the caller asked for fresh credentials for the restart");
            assertEquals(0, dave.sent("ice"), "only the caller restarts ICE");
            for (Person side : List.of(carol, dave)) {
                side.sees("in-call");
                assertTrue(side.selectedCandidateTypes().contains("relay"), side.name() + " relayed");
            }
            carol.hangUp();
            endedFor(carol, "You hung up.", dave, carol.name() + " hung up.");
        } finally {
            coturn.close();
        }
    }

    /**
     * Rule 29 in the page: TURN credentials (600 s here) are refreshed once 80 % of their lifetime
     * has passed, before they expire, and the call in progress takes the fresh ones. The tab's
     * clock is moved on by the test, so those minutes pass in a moment.
     */
    @Test
    void thePageRefreshesItsTurnCredentialsBeforeTheyExpireAndTheCallInProgressTakesThem() throws Exception {
        Person carol = browsers.openWithOwnClock(base, PAGE).signIn(name("carol"));
        connect(carol, bob);
        String issued = carol.turnUsernameInUse();
        long expiresAt = Long.parseLong(issued.substring(0, issued.indexOf(':'))) * 1000;
        // Credentials count whole seconds: step into the next one so the fresh ones differ.
        Thread.sleep(1000 - System.currentTimeMillis() % 1000);
        int asked = carol.sent("ice");

        carol.clockRunsOn(Duration.ofMillis(expiresAt - carol.clockNow() - 130_000));
        assertEquals(asked, carol.sent("ice"), "not yet asked at 130 s before expiry (78 % of 600 s)");
        carol.clockRunsOn(Duration.ofSeconds(20));
        carol.awaitSentMoreThan("ice", asked);
        assertTrue(carol.clockNow() < expiresAt, "asked before the credentials expired");
        String fresh = carol.awaitTurnUsernameOtherThan(issued);
        assertTrue(Long.parseLong(fresh.substring(0, fresh.indexOf(':'))) * 1000 > expiresAt, fresh);
        carol.sees("in-call");
    }

    @Test
    void signInRefusalsShowNextToTheField() {
        Person other = browsers.open(base, PAGE);

        assertEquals(alice.name() + " is taken; choose another name.", other.signInRefused(alice.name()));
        assertTrue(other.signInRefused("has space").contains("without spaces"));
        other.loseServer();
        // Chromium's own report of the failed connection: the very thing this step provokes.
        other.expectConsoleError("WebSocket connection to '" + signal()
                + "' failed: Error in connection establishment: net::ERR_INTERNET_DISCONNECTED");
        assertEquals("Cannot reach the server. Check your connection and try again.", other.signInRefused(name("bob")));
        assertEquals(0, other.camerasStarted());
    }

    @Test
    void signingOutFreesTheName() {
        alice.signOut();
        browsers.open(base, PAGE).signIn(alice.name());
    }

    @Test
    void afterTheLineDropsThePageSignsInAgainByItselfAndCanBeCalledAgain() {
        Person carol = browsers.open(base, PAGE);
        SignalLine carolsLine = carol.routeSignaling();
        carol.signIn(name("carol"));
        connect(bob, carol);

        // Playwright closes the server's end of the socket cleanly: the name is freed at once
        // (rule 12), so the page signs in afresh and the call is over.
        carolsLine.cut();
        endedFor(carol, "The call ended while you were reconnecting.", bob,
                carol.name() + " disconnected, so the call ended.");
        carol.seesNoBanner();
        carol.seesSignedIn();

        connect(bob, carol);
        carol.awaitFramesDecodedAbove(0);
    }

    /**
     * Rules 12 and 24 in the page: carol's every connection to the server is cut (no close frame,
     * as when a network changes); media keeps flowing peer to peer, her page resumes with its
     * token, and the call goes on until she hangs up.
     */
    @Test
    void aCallSurvivesTheSignalingLineDroppingAndCanBeHungUpAfterwards() throws Exception {
        try (TcpProxy network = TcpProxy.to(base.toURI())) {
            Person carol = browsers.open(network.uri(base.toURI()).toURL(), PAGE).signIn(name("carol"));
            connect(bob, carol);
            carol.awaitFramesDecodedAbove(0);
            int carolHad = carol.framesDecoded();
            int bobHad = bob.framesDecoded();
            carol.watchFrameGaps();
            bob.watchFrameGaps();

            long cutAt = System.nanoTime();
            network.cutAll();
            bob.seesCallNote(carol.name() + "'s connection was lost. Waiting for them to come back…");
            bob.seesCallNote("");
            carol.seesNoBanner();
            long resumedMs = (System.nanoTime() - cutAt) / 1_000_000;
            System.out.println("signaling drop to resumed: " + resumedMs + " ms");

            carol.sees("in-call");
            bob.sees("in-call");
            carol.awaitFramesDecodedAbove(carolHad + 30);
            bob.awaitFramesDecodedAbove(bobHad + 30);
            // Media goes peer to peer: the signaling drop must not pause it.
            System.out.printf("longest frame gap through the drop: carol %d ms, bob %d ms%n",
                    carol.longestFrameGapMs(), bob.longestFrameGapMs());
            for (Person side : List.of(carol, bob)) {
                assertTrue(side.longestFrameGapMs() < 2000, () -> side.name() + " went "
                        + side.longestFrameGapMs() + " ms without a frame");
            }
            carol.hangUp();
            endedFor(carol, "You hung up.", bob, carol.name() + " hung up.");
        }
    }

    @Test
    void aDuplicatedTabTakesTheNameOverWithTheTokenWhileTheOldTabIsStillConnected() {
        Person aliceAgain = alice.duplicateTab();

        aliceAgain.seesSignedIn();
        alice.seesSignedOut("You signed in with this name in another tab or window.");
        bob.call(aliceAgain);
        aliceAgain.sees("ringing");
    }

    @Test
    void thePageMayOpenSocketsToItsOwnOriginOnly() {
        String own = base.toString().replaceFirst("^http", "ws") + "signal";
        // The same server under another loopback address: without the page's policy it would
        // connect (and be refused by the origin check; the policy stops it before that).
        String elsewhere = "ws://127.0.0.2:" + base.getPort() + "/signal";
        alice.expectConsoleError(elsewhere);
        assertEquals("open", alice.openSocket(own));
        assertEquals("blocked", alice.openSocket(elsewhere));
    }

    @Test
    void aReloadInTheSameTabKeepsTheName() {

        alice.reload();
        alice.seesSignedIn();
        bob.seesOnline(alice);
        connect(bob, alice);
    }
}
