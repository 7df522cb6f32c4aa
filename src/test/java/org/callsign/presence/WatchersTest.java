package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.callsign.message.ServerMessage.UserList;
import org.junit.jupiter.api.Test;

class WatchersTest {

    private static final long PERIOD = TimeUnit.SECONDS.toNanos(10);
    private static final Listing WES = new Listing(List.of("wes"), List.of(), 1);
    private static final Listing WES_AND_WILL = new Listing(List.of("wes", "will"), List.of(), 2);
    private static final Listing WES_BUSY = new Listing(List.of("wes"), List.of("wes"), 1);

    private final Watchers watchers = new Watchers(PERIOD);
    private final RecordingOutbox watcherBox = new RecordingOutbox();
    private final Member watcher = new Member(Name.parse("wes").orElseThrow(), "wes-id", watcherBox);

    private static UserList sent(Listing listing) {
        return new UserList(listing.names(), listing.total(), listing.busy());
    }

    @Test
    void nothingIsSentWhileTheListStaysTheSameHoweverLongItWatches() {
        watchers.watch(watcher, "w", WES, 0);
        for (int period = 1; period <= 100; period++) {
            watchers.push(prefix -> WES, period * PERIOD);
        }
        assertEquals(List.of(), watcherBox.messages());
    }

    @Test
    void aChangedListIsSentOncePerPeriodAtMost() {
        watchers.watch(watcher, "w", WES, 0);

        watchers.push(prefix -> WES_AND_WILL, PERIOD - 1);
        assertEquals(List.of(), watcherBox.messages(), "within the period");
        watchers.push(prefix -> WES_AND_WILL, PERIOD);
        assertEquals(List.of(sent(WES_AND_WILL)), watcherBox.messages());
        watchers.push(prefix -> WES, PERIOD + 1);
        assertEquals(1, watcherBox.messages().size(), "the next change waits for the next period");
        watchers.push(prefix -> WES, 2 * PERIOD);
        assertEquals(sent(WES), watcherBox.messages().get(1));
    }

    @Test
    void someoneBecomingBusyIsAChange() {
        watchers.watch(watcher, "w", WES, 0);
        watchers.push(prefix -> WES_BUSY, PERIOD);
        assertEquals(List.of(sent(WES_BUSY)), watcherBox.messages());
    }

    @Test
    void theWatchedPrefixIsListedAndAStoppedWatchSendsNothingMore() {
        watchers.watch(watcher, "w", WES, 0);
        watchers.push(prefix -> "w".equals(prefix) ? WES : WES_AND_WILL, PERIOD);
        assertEquals(List.of(), watcherBox.messages());
        watchers.stop(watcher);
        watchers.push(prefix -> WES_AND_WILL, 2 * PERIOD);
        assertEquals(List.of(), watcherBox.messages());
    }
}
