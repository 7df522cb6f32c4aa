package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The call table's transitions against a stale view: the router checks a message against the
 * call it looked up, and the call may end and another begin before the transition runs. Every
 * {@link Registry} must pass it; a subclass says which.
 */
public abstract class CallsContract {

    private Presence presence;
    private Calls calls;
    private Member alice;
    private Member bob;
    private Member carol;

    /** A registry with nobody online. */
    protected abstract Registry emptyRegistry();

    @BeforeEach
    public void logIn() {
        Registry registry = emptyRegistry();
        presence = registry.presence();
        calls = registry.calls();
        alice = online("alice");
        bob = online("bob");
        carol = online("carol");
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
}
