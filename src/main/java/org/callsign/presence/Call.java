package org.callsign.presence;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A call between two members. Immutable: answering makes a new Call with the same serial.
 * The serial tells this call from a later one between the same two logins, so a message
 * checked against one never acts on the other.
 */
public record Call(Member caller, Member callee, Phase phase, long serial) {

    public enum Phase { RINGING, CONNECTED }

    public static Call ringing(Member caller, Member callee) {
        return new Call(caller, callee, Phase.RINGING, ThreadLocalRandom.current().nextLong());
    }

    public Call connected() {
        return new Call(caller, callee, Phase.CONNECTED, serial);
    }

    /** This call with {@code successor} in place of {@code member}, who resumed as it. */
    public Call replacing(Member member, Member successor) {
        return member.equals(caller) ? new Call(successor, callee, phase, serial) : new Call(caller, successor, phase, serial);
    }

    public boolean isRinging() {
        return phase == Phase.RINGING;
    }

    public Member peerOf(Member member) {
        return member.equals(caller) ? callee : caller;
    }

    public boolean involves(Member member) {
        return member.equals(caller) || member.equals(callee);
    }

    @Override
    public String toString() {
        return '"' + caller.name().display() + "\"\u2194\"" + callee.name().display() + '"';
    }
}
