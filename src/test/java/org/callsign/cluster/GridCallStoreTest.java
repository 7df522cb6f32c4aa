package org.callsign.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.core.HazelcastInstance;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.callsign.presence.Call;
import org.callsign.presence.Member;
import org.callsign.presence.Name;
import org.callsign.presence.RecordingOutbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An instance's copy of its logins' calls, where the map's events are late: a peer whose
 * instance is gone may have resumed through another instance, and relaying must follow it there.
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
    void aCallWhosePeerResumedThroughAnotherInstanceAfterItsOwnWasLostIsReadFromTheMap() {
        SealedMap map = new SealedMap(member.getMap("signal-calls-copy"), new EntrySeal(TestGrid.KEYS), new Rejections(), false);
        Relay relay = new Relay(member, "here", TestGrid.KEYS, new Rejections());
        GridMembers here = new GridMembers("here", relay);
        GridMembers there = new GridMembers("there", relay);
        GridCallStore store = new GridCallStore(map, here, instance -> !instance.equals("lost"), cleanup);
        GridCallStore storeThere = new GridCallStore(map, there, instance -> !instance.equals("lost"), cleanup);
        Member mine = new Member(Name.parse("amy").orElseThrow(), "amy-id", new RecordingOutbox());
        here.arrived(mine);
        Member lost = new Member(Name.parse("bo").orElseThrow(), "bo-id", relay.outboxFor("lost", "bo-id"));
        Member resumed = new Member(Name.parse("bo").orElseThrow(), "bo-again-id", relay.outboxFor("there", "bo-again-id"));
        Call call = Call.ringing(mine, lost).connected();
        store.put(call);

        // The resume's instance moves the call; this store's copy hears of it only by an event (none here).
        Call moved = call.replacing(lost, resumed);
        storeThere.locked(lost, resumed, () -> {
            storeThere.remove(call);
            storeThere.put(moved);
            return null;
        });

        assertEquals(moved, store.current(mine));
        assertEquals("bo-again-id", store.current(mine).peerOf(mine).id());
    }
}
