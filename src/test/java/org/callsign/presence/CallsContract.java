package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.callsign.presence.Calls.RingOutcome;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every transition of the call rules ({@link Calls}), over the store a subclass names: each
 * outcome of ring, answer, decline and end, the gauges' counts, and transitions checked
 * against a stale view (the router checks a message against the call it looked up, and the
 * call may end and another begin before the transition runs).
 */
public abstract class CallsContract {

    private Registry registry;
    private Presence presence;
    private Calls calls;
    private Member alice;
    private Member bob;
    private Member carol;

    /** A registry with nobody online. */
    protected abstract Registry emptyRegistry();

    @BeforeEach
    public void logIn() {
        registry = emptyRegistry();
        presence = registry.presence();
        calls = registry.calls();
        alice = online("alice");
        bob = online("bob");
        carol = online("carol");
    }

    @AfterEach
    public void closeRegistry() {
        registry.close();
    }

    private Member online(String name) {
        Member member = new Member(Name.parse(name).orElseThrow(), Tokens.digest(Tokens.newToken()),
                new RecordingOutbox());
        assertTrue(presence.claim(member));
        return member;
    }

    /** Alice rings Bob and hangs up, then Carol rings Bob: Alice's call, which Bob's router may still hold. */
    private Call staleCallFromAliceWhileCarolRingsBob() {
        calls.ring(alice, bob, presence);
        Call fromAlice = calls.of(bob);
        calls.end(alice);
        calls.ring(carol, bob, presence);
        return fromAlice;
    }

    @Test
    public void aDeclineCheckedAgainstAnEndedCallDoesNotEndTheCallThatRangSince() {
        Call fromAlice = staleCallFromAliceWhileCarolRingsBob();
        Call fromCarol = calls.of(bob);

        assertNull(calls.decline(fromAlice, bob));
        assertEquals(fromCarol, calls.of(bob));
        assertEquals(1, calls.ringing());
    }

    @Test
    public void anAnswerCheckedAgainstAnEndedCallDoesNotConnectTheCallThatRangSince() {
        Call fromAlice = staleCallFromAliceWhileCarolRingsBob();

        assertNull(calls.answer(fromAlice, bob));
        assertTrue(calls.of(bob).isRinging());
        assertEquals(0, calls.connected());
    }

    @Test
    public void inGlareTheCallersAnswerToTheCrossingOfferConnectsTheCall() {
        calls.ring(alice, bob, presence);

        Call connected = calls.answer(calls.of(alice), alice);
        assertEquals(connected, calls.of(bob));
        assertEquals(1, calls.connected());
    }

    @Test
    public void theCalleesAnswerToTheCurrentCallConnectsItOnce() {
        calls.ring(alice, bob, presence);
        Call ringing = calls.of(bob);

        Call connected = calls.answer(ringing, bob);
        assertEquals(connected, calls.of(alice));
        assertNull(calls.answer(connected, bob), "a second answer is renegotiation, not a transition");
        assertEquals(0, calls.ringing());
        assertEquals(1, calls.connected());
    }

    @Test
    public void aRingStartsARingingCallFoundFromEitherMember() {
        assertEquals(RingOutcome.STARTED, calls.ring(alice, bob, presence));

        Call call = calls.of(alice);
        assertEquals(call, calls.of(bob));
        assertEquals(alice, call.caller());
        assertEquals(bob, call.callee());
        assertTrue(call.isRinging());
        assertEquals(1, calls.ringing());
        assertEquals(0, calls.connected());
    }

    @Test
    public void ringingInsideTheSameCallFromEitherSideChangesNothing() {
        calls.ring(alice, bob, presence);
        Call call = calls.of(alice);

        assertEquals(RingOutcome.SAME_CALL, calls.ring(alice, bob, presence));
        assertEquals(RingOutcome.SAME_CALL, calls.ring(bob, alice, presence));
        assertEquals(call, calls.of(bob));
        assertEquals(1, calls.ringing());
    }

    @Test
    public void aCallerInAnotherCallIsBusyItselfAndTheCalleeIsLeftAlone() {
        calls.ring(alice, bob, presence);

        assertEquals(RingOutcome.CALLER_BUSY, calls.ring(alice, carol, presence));
        assertEquals(RingOutcome.CALLER_BUSY, calls.ring(bob, carol, presence));
        assertNull(calls.of(carol));
        assertEquals(1, calls.ringing());
    }

    @Test
    public void aCalleeInAnotherCallRingingOrConnectedIsBusy() {
        calls.ring(alice, bob, presence);
        assertEquals(RingOutcome.CALLEE_BUSY, calls.ring(carol, bob, presence));

        calls.answer(calls.of(bob), bob);
        assertEquals(RingOutcome.CALLEE_BUSY, calls.ring(carol, alice, presence));
        assertNull(calls.of(carol));
    }

    @Test
    public void aMemberWhoseNameIsReleasedCannotBePulledIntoACall() {
        presence.release(bob);
        assertEquals(RingOutcome.GONE, calls.ring(alice, bob, presence));
        presence.release(carol);
        assertEquals(RingOutcome.GONE, calls.ring(carol, alice, presence));

        assertNull(calls.of(alice));
        assertEquals(0, calls.ringing());
    }

    @Test
    public void endingACallFreesBothMembersOnceFromEitherSide() {
        calls.ring(alice, bob, presence);
        Call connected = calls.answer(calls.of(bob), bob);

        assertEquals(connected, calls.end(bob));
        assertNull(calls.of(alice));
        assertNull(calls.of(bob));
        assertNull(calls.end(alice), "the call is already over");
        assertEquals(0, calls.connected());
        assertEquals(RingOutcome.STARTED, calls.ring(bob, carol, presence));
    }

    @Test
    public void endingARingingCallCountsItOut() {
        calls.ring(alice, bob, presence);

        assertTrue(calls.end(alice).isRinging());
        assertEquals(0, calls.ringing());
        assertNull(calls.end(carol), "carol has no call");
    }

    @Test
    public void onlyTheCalleeDeclinesAndOnlyWhileItRings() {
        calls.ring(alice, bob, presence);
        Call ringing = calls.of(bob);

        assertNull(calls.decline(ringing, alice), "the caller cancels with leave, not decline");
        assertNull(calls.decline(ringing, carol));
        assertTrue(calls.of(bob).isRinging());
        assertEquals(ringing, calls.decline(ringing, bob));
        assertNull(calls.of(alice));
        assertEquals(0, calls.ringing());
    }

    @Test
    public void aConnectedCallCannotBeDeclined() {
        calls.ring(alice, bob, presence);
        Call connected = calls.answer(calls.of(bob), bob);

        assertNull(calls.decline(connected, bob));
        assertNull(calls.decline(calls.of(bob), bob));
        assertFalse(calls.of(alice).isRinging());
        assertEquals(1, calls.connected());
    }
}
