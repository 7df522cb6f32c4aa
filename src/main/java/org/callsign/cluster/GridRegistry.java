package org.callsign.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import jakarta.enterprise.inject.spi.CDI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.callsign.presence.Call;
import org.callsign.presence.Calls;
import org.callsign.presence.Member;
import org.callsign.presence.Presence;
import org.callsign.presence.Registry;

/**
 * The registry of a cluster: names and calls in two maps of Payara's data grid (Hazelcast),
 * the connections in each instance's own memory, and a {@link Relay} between instances. When
 * an instance leaves the cluster, cleanly or not, the others take over what it can no longer do:
 * each ends the calls its own members had with the lost instance's, and the oldest frees the
 * lost instance's names and the calls among lost instances' members. When a partition heals,
 * every instance checks its logins' names against the name map ({@link GridNameStore}).
 */
final class GridRegistry implements Registry, MembershipListener {

    private static final Logger LOG = Logger.getLogger(GridRegistry.class.getName());
    private static final long SECOND_PASS_SECONDS = 2;
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
    private volatile Consumer<Member> lost = member -> { };

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
        this.nameStore = new GridNameStore(names, members, new Directory(), this::inCluster, cleanup);
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
    public void onMembersLost(Consumer<Member> lost) {
        this.lost = lost;
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
        boolean oldest = event.getMembers().iterator().next().localMember();
        LOG.info(() -> "cluster: instance " + gone + " left, " + event.getMembers().size() + " in all");
        cleanup.execute(() -> cleanUpAfter("instance " + gone + " left", () -> {
            endCallsWith(gone);
            if (oldest) {
                int freed = nameStore.freeNamesOf(gone);
                LOG.info(() -> "cluster: freed " + freed + " name(s) of instance " + gone);
                callStore.forgetCallsAmong(instance -> !inCluster(instance));
            }
            relay.forget(gone);
            // Names whose every copy was on the lost side vanish without an event: those of this
            // instance's logins are put back.
            nameStore.reconcile("instance " + gone + " left");
        }));
        // A ring that checked the lost instance's user just before the loss was known may write
        // its call just after the pass above read the calls; a second pass ends it.
        cleanup.schedule(() -> cleanUpAfter("instance " + gone + " left", () -> endCallsWith(gone)),
                SECOND_PASS_SECONDS, TimeUnit.SECONDS);
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

    /** Ends, as lost, the lost instance's members in a call with a member here. */
    private void endCallsWith(String gone) {
        for (Member mine : members.localMembers()) {
            Call call = calls.of(mine);
            if (call != null && members.instanceOf(call.peerOf(mine)).equals(gone)) {
                Member peer = call.peerOf(mine);
                restoreLostHalf(call, mine, peer);
                lost.accept(peer);
            }
        }
    }

    /**
     * On the smaller side of a partition, the grid may have lost the lost peer's half of a call
     * (both copies of its partition were on the other side) while keeping this member's: the
     * call is then ended through the peer like any other, which needs both halves.
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
        for (com.hazelcast.cluster.Member member : grid.getCluster().getMembers()) {
            if (instances.of(member).equals(instance)) {
                return true;
            }
        }
        return false;
    }
}
