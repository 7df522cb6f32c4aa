package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.callsign.support.Race;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store's sorted copy under racing logins, takeovers and releases, while others list. */
class LocalNameStoreTest {

    private static final int WRITERS = 8;
    private static final int READERS = 4;
    private static final int STEPS = 20_000;
    /** Few names, so that writers collide on the same keys all the time, in both cases. */
    private static final List<String> NAMES = IntStream.range(0, 32).mapToObj(i -> (i % 2 == 0 ? "user" : "USER") + i / 2).toList();

    private static ExecutorService pool;

    @BeforeAll
    static void startThreads() {
        pool = Executors.newFixedThreadPool(WRITERS + READERS);
    }

    @AfterAll
    static void stopThreads() {
        pool.shutdownNow();
    }

    private static Member member(String name) {
        return new Member(Name.parse(name).orElseThrow(), Tokens.newToken(), new RecordingOutbox());
    }

    @Test
    void theSortedCopyEndsAsTheStoreIsAndEverySnapshotIsWhole() throws Exception {
        LocalNameStore store = new LocalNameStore();
        CountDownLatch writing = new CountDownLatch(WRITERS);
        Queue<String> broken = new ConcurrentLinkedQueue<>();
        List<Runnable> actions = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Random random = new Random(w);
            actions.add(() -> {
                for (int step = 0; step < STEPS; step++) {
                    Member someone = member(NAMES.get(random.nextInt(NAMES.size())));
                    String identity = someone.name().identity();
                    Member holder = store.get(identity);
                    switch (random.nextInt(3)) {
                        case 0 -> store.putIfAbsent(identity, someone);
                        case 1 -> store.replace(identity, holder == null ? someone : holder, someone);
                        default -> store.remove(identity, holder == null ? someone : holder);
                    }
                }
                writing.countDown();
            });
        }
        for (int r = 0; r < READERS; r++) {
            actions.add(() -> {
                while (writing.getCount() > 0) {
                    SortedNames now = store.sorted();
                    List<Member> listed = now.slice(0, Integer.MAX_VALUE);
                    if (listed.size() != now.size() || now.size() > NAMES.size()) {
                        broken.add("a snapshot of " + now.size() + " listed " + listed.size());
                    }
                }
            });
        }
        Race.run(pool, actions);

        assertTrue(broken.isEmpty(), () -> broken.peek());
        Map<String, Member> held = new TreeMap<>();
        for (String name : NAMES) {
            Name parsed = Name.parse(name).orElseThrow();
            Member holder = store.get(parsed.identity());
            if (holder != null) {
                held.put(holder.name().key(), holder);
            }
        }
        assertEquals(List.copyOf(held.values()), store.sorted().slice(0, Integer.MAX_VALUE));
    }
}
