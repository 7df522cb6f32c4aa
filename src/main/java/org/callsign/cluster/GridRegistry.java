package org.callsign.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.callsign.presence.Call;
import org.callsign.presence.Calls;
import org.callsign.presence.Member;
import org.callsign.presence.Presence;
import org.callsign.presence.Registry;

/**
 * The registry of a cluster: names and calls in two maps of Payara's data grid (Hazelcast),
 * the connections in each instance's own memory, and a {@link Relay} between instances. When
 * an instance leaves the cluster, cleanly or not, its logins become away (docs/protocol.md rule
 * 12): the oldest surviving instance tells their peers, keeps their names and calls for the
 * resume window, during which a login with the token through any instance resumes them, and
 * then frees what is left. When a partition heals, every instance checks its logins' names
 * against the name map ({@link GridNameStore}).
 */
final class GridRegistry implements Registry, MembershipListener {

    private static final Logger LOG = Logger.getLogger(GridRegistry.class.getName());
    private static final String NO_GRID = "signal.cluster.enabled is true, but this server has no data grid: "
            + "run Payara Micro with payara-config/preboot-cluster.asadmin (the single-instance boot file turns the grid off)";

    private final HazelcastInstance grid;
    private final String here;
    private final Rejections rejections = new Rejections();
    private final Relay relay;
    private final GridMembers members;
    private final GridNameStore nameStore;
    private final GridCallStore callStore;
    private final Presence presence;
    private final Calls calls;
    /**
     * Cleanup after a loss, and the checks of entries that changed under this instance's logins,
     * run here: never on the grid's event threads, which must not block.
     */
    private final ScheduledExecutorService cleanup = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "signal-cluster-cleanup");
        thread.setDaemon(true);
        return thread;
    });
    private final InstanceIds instances;
    private final GridProbe probe;
    private final UUID watching;
    private final UUID watchingMerges;
    private volatile Duration resumeWindow = Duration.ZERO;
    private volatile Consumer<Member> away = member -> { };
    private volatile Consumer<Member> expired = member -> { };
    /** When each instance that left was first known here to be gone, by instance id (nanoTime). */
    private final Map<String, Long> lostAt = new ConcurrentHashMap<>();
    /** The lost instances whose logins this instance holds for a resume, being the oldest. Only cleanup's thread uses it. */
    private final Set<String> holding = new HashSet<>();

    GridRegistry(HazelcastInstance grid, ClusterKeys keys) {
        this.grid = grid;
        this.here = grid.getCluster().getLocalMember().getUuid().toString();
        for (String map : List.of("signal-names", "signal-calls", "signal-instances")) {
            addAsyncBackup(grid, map);
        }
        EntrySeal seal = new EntrySeal(keys);
        IMap<String, String> namesMap = OutsideApplication.create(() -> grid.getMap("signal-names"));
        SealedMap names = new SealedMap(namesMap, seal, rejections, true);
        SealedMap callMap = new SealedMap(OutsideApplication.create(() -> grid.getMap("signal-calls")), seal, rejections, false);
        this.relay = new Relay(grid, here, keys, rejections);
        this.members = new GridMembers(here, relay);
        this.nameStore = new GridNameStore(names, members, new Directory(), this::inCluster, this::keptForResume, cleanup);
        this.presence = new Presence(nameStore);
        this.callStore = new GridCallStore(callMap, members, this::inCluster, cleanup);
        this.calls = new Calls(callStore);
        this.probe = new GridProbe(grid, namesMap);
        this.instances = new InstanceIds(new SealedMap(OutsideApplication.create(() -> grid.getMap("signal-instances")),
                seal, rejections, false), this::merged);
        relay.listen(new Relay.Recipients() {
            @Override
            public Member local(String memberId) {
                return members.localMember(memberId);
            }

            @Override
            public boolean inCall(Member recipient, String senderId, long serial) {
                return callStore.confirms(recipient, senderId, serial);
            }
        });
        callStore.startListening();
        nameStore.startListening();
        watching = grid.getCluster().addMembershipListener(this);
        watchingMerges = grid.getLifecycleService().addLifecycleListener(this::lifecycle);
        LOG.info(() -> "cluster: joined as " + here + ", " + grid.getCluster().getMembers().size()
                + " instance(s), " + nameStore.sorted().size() + " name(s) online");
    }

    /**
     * Keeps a second backup of every entry, sent asynchronously (a write still waits for one
     * backup only, as with the grid's defaults). With three instances every one then holds a
     * copy of everything, so an instance cut off from the two others goes on with all names and
     * calls instead of the third of them whose two copies were on the other side
     * (GridBackupsTest); with more instances a side that keeps fewer than three of them may
     * still lose entries, and each instance then puts its own logins' names back.
     */
    private static void addAsyncBackup(HazelcastInstance grid, String map) {
        try {
            grid.getConfig().addMapConfig(new MapConfig(map).setBackupCount(1).setAsyncBackupCount(1));
        } catch (InvalidConfigurationException e) {
            // Configured otherwise already (by the server's own grid configuration): that one stands.
            LOG.warning(() -> "cluster: keeping the grid's own configuration of " + map + ": " + e.getMessage());
        }
    }

    /** The registry on the data grid Payara Micro runs in this process. */
    static GridRegistry join(ClusterKeys keys) {
        HazelcastInstance grid;
        try {
            grid = CDI.current().select(HazelcastInstance.class).get();
        } catch (RuntimeException e) {
            throw new IllegalStateException(NO_GRID, e);
        }
        if (grid == null) {
            // Payara's producer gives null when its data grid is turned off (the single-instance boot file does that).
            throw new IllegalStateException(NO_GRID);
        }
        return new GridRegistry(grid, keys);
    }

    @Override
    public Presence presence() {
        return presence;
    }

    @Override
    public Calls calls() {
        return calls;
    }

    @Override
    public void onMembersLost(Duration window, Consumer<Member> away, Consumer<Member> expired) {
        this.resumeWindow = window;
        this.away = away;
        this.expired = expired;
    }

    @Override
    public boolean outlivesThisInstance() {
        return true;
    }

    @Override
    public void onTakenOver(BiConsumer<Member, Member> handOver) {
        nameStore.onTakenOver(handOver);
    }

    @Override
    public void onRejected(Runnable counted) {
        rejections.onRejected(counted);
    }

    /** Whether this instance's grid operations answer (see {@link GridProbe}). */
    @Override
    public boolean reachable() {
        return probe.answers();
    }

    @Override
    public void close() {
        // On a server's shutdown the grid may stop first; its listeners are gone with it.
        if (grid.getLifecycleService().isRunning()) {
            grid.getLifecycleService().removeLifecycleListener(watchingMerges);
            instances.stop();
            grid.getCluster().removeMembershipListener(watching);
            nameStore.stopListening();
            callStore.stopListening();
            relay.stop();
        }
        cleanup.shutdownNow();
    }

    @Override
    public void memberAdded(MembershipEvent event) {
        LOG.info(() -> "cluster: instance " + event.getMember().getUuid() + " joined, "
                + event.getMembers().size() + " in all");
    }

    @Override
    public void memberRemoved(MembershipEvent event) {
        String gone = instances.of(event.getMember());
        lostAt.put(gone, System.nanoTime());
        boolean oldest = event.getMembers().iterator().next().localMember();
        LOG.info(() -> "cluster: instance " + gone + " left, " + event.getMembers().size() + " in all");
        cleanup.execute(() -> cleanUpAfter("instance " + gone + " left", () -> {
            restoreCallsWith(gone);
            if (oldest) {
                holdLoginsOfLostInstances();
            }
            relay.forget(gone);
            // Names whose every copy was on the lost side vanish without an event: those of this
            // instance's logins are put back.
            nameStore.reconcile("instance " + gone + " left");
        }));
    }

    /**
     * Run by the oldest instance: makes the logins of every instance no longer in the cluster
     * away, unless this instance does so already. Not only the instance that just left: when the
     * oldest itself goes, the next oldest takes over the losses it was holding, their windows
     * counted from when it learnt of them.
     */
    private void holdLoginsOfLostInstances() {
        Map<String, List<Member>> byInstance = nameStore.holdersOn(instance -> !inCluster(instance)).stream()
                .collect(Collectors.groupingBy(members::instanceOf));
        byInstance.forEach((instance, logins) -> {
            if (!holding.add(instance)) {
                return;
            }
            long lost = lostAt.computeIfAbsent(instance, unknown -> System.nanoTime());
            long remaining = Math.max(0, lost + resumeWindow.toNanos() - System.nanoTime());
            if (remaining > 0) {
                logins.forEach(away);
            }
            LOG.info(() -> "cluster: holding " + logins.size() + " login(s) of instance " + instance + " for "
                    + TimeUnit.NANOSECONDS.toSeconds(remaining) + " s");
            cleanup.schedule(() -> cleanUpAfter("the resume window of instance " + instance, () -> expire(instance)),
                    remaining, TimeUnit.NANOSECONDS);
        });
    }

    /** The window of a lost instance passed: its logins that did not resume are logged out, their peers hear leave. */
    private void expire(String instance) {
        holding.remove(instance);
        if (inCluster(instance)) {
            // Back after a partition within the window: its logins are its own again.
            return;
        }
        List<Member> left = nameStore.holdersOn(instance::equals);
        left.forEach(expired);
        LOG.info(() -> "cluster: freed " + left.size() + " name(s) of instance " + instance + " not resumed in time");
    }

    /**
     * Whether the logins of {@code instance}, which is not in the cluster, are still held for a
     * resume: it left less than the window ago. An instance this one never saw leave (it left
     * before this one joined, or its entry was played back on the grid) is long gone.
     */
    private boolean keptForResume(String instance) {
        Long lost = lostAt.get(instance);
        return lost != null && System.nanoTime() - lost < resumeWindow.toNanos();
    }

    /**
     * This instance merged back into the cluster after a partition: the grid gave it a new member
     * UUID and replaced what it held while apart with the merged maps. It announces its new UUID
     * (which has every other instance check its logins), then checks its own. MERGED comes after
     * the grid has merged this side's entries, on the grid's thread: the work goes to cleanup.
     */
    private void lifecycle(LifecycleEvent event) {
        if (event.getState() != LifecycleEvent.LifecycleState.MERGED) {
            return;
        }
        cleanup.execute(() -> cleanUpAfter("the merge", () -> {
            String now = grid.getCluster().getLocalMember().getUuid().toString();
            LOG.info(() -> "cluster: merged back after a partition as " + now + ", " + grid.getCluster().getMembers().size()
                    + " instance(s); instance id stays " + here);
            instances.announce(now, here);
            nameStore.reconcile("the merge");
        }));
    }

    /** Another instance merged back into this cluster, and its entries with it. */
    private void merged(String instance) {
        if (!instance.equals(here)) {
            cleanup.execute(() -> cleanUpAfter("instance " + instance + " merged back",
                    () -> nameStore.reconcile("instance " + instance + " merged back")));
        }
    }

    private static void cleanUpAfter(String what, Runnable cleanUp) {
        try {
            cleanUp.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster: cleanup after " + what + " failed", e);
        }
    }

    /** Makes sure the calls of this instance's logins with the lost instance's stay whole (see {@link #restoreLostHalf}). */
    private void restoreCallsWith(String gone) {
        for (Member mine : members.localMembers()) {
            Call call = calls.of(mine);
            if (call != null && members.instanceOf(call.peerOf(mine)).equals(gone)) {
                restoreLostHalf(call, mine, call.peerOf(mine));
            }
        }
    }

    /**
     * On the smaller side of a partition, the grid may have lost the lost peer's half of a call
     * (both copies of its partition were on the other side) while keeping this member's: the
     * call is then ended (when the window passes) or resumed through the peer like any other,
     * which needs both halves.
     */
    private void restoreLostHalf(Call call, Member mine, Member peer) {
        callStore.locked(mine, peer, () -> {
            if (call.equals(callStore.get(mine)) && callStore.get(peer) == null) {
                callStore.put(call);
            }
            return null;
        });
    }

    private boolean inCluster(String instance) {
        if (instance.equals(here)) {
            return true;
        }
        for (com.hazelcast.cluster.Member member : grid.getCluster().getMembers()) {
            if (instances.of(member).equals(instance)) {
                return true;
            }
        }
        return false;
    }
}
