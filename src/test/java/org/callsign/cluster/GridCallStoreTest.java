package org.callsign.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hazelcast.core.HazelcastInstance;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.callsign.presence.Call;
import org.callsign.presence.Member;
import org.callsign.presence.Name;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sweeping the calls nobody is left to end: as one side of a partition sees it, the instances
 * on the other side are all lost at once, and a call between two of them must go too.
 */
class GridCallStoreTest {

    private static TestGrid grid;
    private static HazelcastInstance member;
    private static ScheduledExecutorService cleanup;

    @BeforeAll
    static void formGrid() {
        grid = new TestGrid(1);
        member = grid.start(0);
        cleanup = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void stopGrid() {
        cleanup.shutdownNow();
        grid.shutdownAll();
    }

    @Test
    void callsAmongInstancesLostTogetherAreForgottenAndCallsWithAnyoneLeftStay() {
        Relay relay = new Relay(member, "here", TestGrid.KEYS, new Rejections());
        GridMembers members = new GridMembers("here", relay);
        SealedMap map = new SealedMap(member.getMap("signal-calls-sweep"), new EntrySeal(TestGrid.KEYS), new Rejections(), false);
        GridCallStore store = new GridCallStore(map, members, instance -> true, cleanup);
        Call acrossTheLost = Call.ringing(on(relay, "lost-a", "ann"), on(relay, "lost-b", "bob")).connected();
        Call withinOneLost = Call.ringing(on(relay, "lost-a", "cy"), on(relay, "lost-a", "dee"));
        Call withAnInstanceLeft = Call.ringing(on(relay, "lost-b", "eve"), on(relay, "staying", "fay"));
        for (Call call : new Call[] {acrossTheLost, withinOneLost, withAnInstanceLeft}) {
            store.put(call);
        }

        store.forgetCallsAmong(Set.of("lost-a", "lost-b")::contains);

        assertNull(store.get(acrossTheLost.caller()));
        assertNull(store.get(acrossTheLost.callee()));
        assertNull(store.get(withinOneLost.caller()));
        assertNotNull(store.get(withAnInstanceLeft.callee()), "its member on the staying instance still ends it");
        assertEquals(1, store.count(Call.Phase.RINGING));
        assertEquals(0, store.count(Call.Phase.CONNECTED));
    }

    private static Member on(Relay relay, String instance, String name) {
        String id = name + "-id";
        return new Member(Name.parse(name).orElseThrow(), id, relay.outboxFor(instance, id));
    }
}
