package org.callsign.presence;

/** A call between two members. Immutable: answering makes a new Call. */
public record Call(Member caller, Member callee, Phase phase) {

    public enum Phase { RINGING, CONNECTED }

    static Call ringing(Member caller, Member callee) {
        return new Call(caller, callee, Phase.RINGING);
    }

    Call connected() {
        return new Call(caller, callee, Phase.CONNECTED);
    }

    boolean isRinging() {
        return phase == Phase.RINGING;
    }

    Member peerOf(Member member) {
        return member == caller ? callee : caller;
    }

    boolean involves(Member member) {
        return member == caller || member == callee;
    }

    @Override
    public String toString() {
        return '"' + caller.name().display() + "\"\u2194\"" + callee.name().display() + '"';
    }
}
