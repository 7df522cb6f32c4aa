package org.callsign.presence;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Calls on one server instance, in memory; every step runs under one lock. */
public final class LocalCallStore implements CallStore {

    private final Object lock = new Object();
    // +guarded-by lock for writes; both members of a call map to the same Call.
    private final Map<Member, Call> byMember = new ConcurrentHashMap<>();
    // +guarded-by lock for writes; volatile so that gauges can read them any time.
    private volatile int ringing;
    private volatile int connected;

    @Override
    public Call get(Member member) {
        return byMember.get(member);
    }

    @Override
    public void put(Call call) {
        Call replaced = byMember.put(call.caller(), call);
        byMember.put(call.callee(), call);
        if (replaced != null) {
            counted(replaced.phase(), -1);
        }
        counted(call.phase(), 1);
    }

    @Override
    public void remove(Call call) {
        byMember.remove(call.caller(), call);
        byMember.remove(call.callee(), call);
        counted(call.phase(), -1);
    }

    /** One lock for all calls: a step is a few map operations, so contention stays small. */
    @Override
    public <T> T locked(Member one, Member other, Supplier<T> step) {
        synchronized (lock) {
            return step.get();
        }
    }

    @Override
    public int count(Call.Phase phase) {
        return phase == Call.Phase.RINGING ? ringing : connected;
    }

    private void counted(Call.Phase phase, int change) {
        if (phase == Call.Phase.RINGING) {
            ringing += change;
        } else {
            connected += change;
        }
    }
}
