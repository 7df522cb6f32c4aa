package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.callsign.message.ServerMessage.UserList;
import org.junit.jupiter.api.Test;

class WatchersTest {

    private static final long PERIOD = TimeUnit.SECONDS.toNanos(10);

    private final Watchers watchers = new Watchers(PERIOD);
    private final RecordingOutbox watcherBox = new RecordingOutbox();
    private final Member watcher = member("wes", watcherBox);

    private static Member member(String name, Outbox outbox) {
        return new Member(Name.parse(name).orElseThrow(), name + "-id", outbox);
    }

    private static SortedNames online(Member... members) {
        SortedNames names = SortedNames.EMPTY;
        for (Member member : members) {
            names = names.with(member.name().key(), member);
        }
        return names;
    }

    /** wes watches "w" at time 0, having been sent the list of {@code from}. */
    private void watchFrom(SortedNames from) {
        watchers.watch(watcher, "w", from, Listing.of(from, "w"), 0);
    }

    @Test
    void nothingIsSentWhileNobodyComesOrGoesHoweverLongItWatches() {
        SortedNames now = online(watcher);
        watchFrom(now);
        watchers.push(now, 100 * PERIOD);
        assertEquals(List.of(), watcherBox.messages());
    }

    @Test
    void aChangedListIsSentOncePerPeriodAtMost() {
        watchFrom(online(watcher));
        Member will = member("will", new RecordingOutbox());
        SortedNames withWill = online(watcher, will);

        watchers.push(withWill, PERIOD - 1);
        assertEquals(List.of(), watcherBox.messages(), "within the period");
        watchers.push(withWill, PERIOD);
        assertEquals(List.of(new UserList(List.of("wes", "will"), 2)), watcherBox.messages());
        watchers.push(online(watcher), PERIOD + 1);
        assertEquals(1, watcherBox.messages().size(), "the next change waits for the next period");
        watchers.push(online(watcher), 2 * PERIOD);
        assertEquals(new UserList(List.of("wes"), 1), watcherBox.messages().get(1));
    }

    @Test
    void changesOutsideThePrefixSendNothing() {
        watchFrom(online(watcher));
        watchers.push(online(watcher, member("zed", new RecordingOutbox())), PERIOD);
        assertEquals(List.of(), watcherBox.messages());
    }

    @Test
    void aStoppedWatchSendsNothingMore() {
        watchFrom(online(watcher));
        watchers.stop(watcher);
        watchers.push(online(watcher, member("will", new RecordingOutbox())), PERIOD);
        assertEquals(List.of(), watcherBox.messages());
    }
}
