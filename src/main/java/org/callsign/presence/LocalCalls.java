package org.callsign.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Calls on one server instance, in memory; every transition runs under one lock. */
public final class LocalCalls implements Calls {

    private final Object lock = new Object();
    // +guarded-by lock for writes; both members of a call map to the same Call.
    private final Map<Member, Call> byMember = new ConcurrentHashMap<>();
    // +guarded-by lock for writes; volatile so that gauges can read them any time.
    private volatile int ringing;
    private volatile int connected;

    @Override
    public Call of(Member member) {
        return byMember.get(member);
    }

    @Override
    public RingOutcome ring(Member caller, Member callee, Presence presence) {
        synchronized (lock) {
            Call current = byMember.get(caller);
            if (current != null) {
                return current.involves(callee) ? RingOutcome.SAME_CALL : RingOutcome.CALLER_BUSY;
            }
            if (byMember.containsKey(callee)) {
                return RingOutcome.CALLEE_BUSY;
            }
            if (!presence.holds(caller) || !presence.holds(callee)) {
                return RingOutcome.GONE;
            }
            Call call = Call.ringing(caller, callee);
            byMember.put(caller, call);
            byMember.put(callee, call);
            ringing++;
            return RingOutcome.STARTED;
        }
    }

    @Override
    public Call answer(Call expected, Member sender) {
        synchronized (lock) {
            Call call = byMember.get(sender);
            if (!expected.equals(call) || !call.isRinging()) {
                return null;
            }
            Call connected = call.connected();
            byMember.put(call.caller(), connected);
            byMember.put(call.callee(), connected);
            ringing--;
            this.connected++;
            return connected;
        }
    }

    @Override
    public Call end(Member member) {
        synchronized (lock) {
            Call call = byMember.remove(member);
            if (call != null) {
                byMember.remove(call.peerOf(member), call);
                if (call.isRinging()) {
                    ringing--;
                } else {
                    connected--;
                }
            }
            return call;
        }
    }

    @Override
    public Call decline(Call expected, Member callee) {
        synchronized (lock) {
            Call call = byMember.get(callee);
            if (!expected.equals(call) || !call.isRinging() || !call.callee().equals(callee)) {
                return null;
            }
            return end(callee);
        }
    }

    @Override
    public int ringing() {
        return ringing;
    }

    @Override
    public int connected() {
        return connected;
    }
}
