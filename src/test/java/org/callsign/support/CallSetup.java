package org.callsign.support;

import static org.callsign.support.Messages.answer;
import static org.callsign.support.Messages.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Brings two logged-in clients into a call, checking each step arrives from the right sender. */
public final class CallSetup {

    private CallSetup() {
    }

    /** Caller offers, callee receives it: the pair is ringing. */
    public static void ring(ProtocolClient caller, String callerName, ProtocolClient callee, String calleeName) {
        caller.send(offer(calleeName, "v=0 offer from " + callerName));
        assertEquals(callerName, callee.awaitType("offer").getString("name"));
    }

    /** Rings, and the callee answers: the pair is connected. */
    public static void connect(ProtocolClient caller, String callerName, ProtocolClient callee, String calleeName) {
        ring(caller, callerName, callee, calleeName);
        callee.send(answer(callerName, "v=0 answer"));
        assertEquals(calleeName, caller.awaitType("answer").getString("name"));
    }
}
