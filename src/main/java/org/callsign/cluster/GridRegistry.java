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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * every instance checks its logins against the name map ({@link Reconciliation}).
 */
final class GridRegistry implements Registry, MembershipListener {

    private static final Logger LOG = Logger.getLogger(GridRegistry.class.getName());
    private static final long SECOND_PASS_SECONDS = 2;
    private static final String NO_GRID = "signal.cluster.enabled is true, but this server has no data grid: "
            + "run Payara Micro with payara-config/preboot-cluster.asadmin (the single-instance boot file turns the grid off)";

    private final HazelcastInstance grid;
    private final String here;
    private final IMap<String, String> names;
    private final Relay relay;
    private final GridMembers members;
    private final Directory directory;
    private final GridCallStore callStore;
    private final Presence presence;
    private final Calls calls;
    /** Cleanup after a loss runs here: never on the grid's event threads, which must not block. */
    private final ScheduledExecutorService cleanup = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "signal-cluster-cleanup");
        thread.setDaemon(true);
        return thread;
    });
    private final InstanceIds instances;
    private final Reconciliation reconciliation;
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
        this.names = OutsideApplication.create(() -> grid.getMap("signal-names"));
        this.relay = new Relay(grid, here);
        this.members = new GridMembers(here, relay);
        this.directory = new Directory(members);
        this.presence = new Presence(new GridNameStore(names, members, directory, this::inCluster));
        this.callStore = new GridCallStore(OutsideApplication.create(() -> grid.getMap("signal-calls")), members);
        this.calls = new Calls(callStore);
        this.reconciliation = new Reconciliation(names, members);
        this.probe = new GridProbe(grid, names);
        this.instances = new InstanceIds(OutsideApplication.create(() -> grid.getMap("signal-instances")),
                this::merged);
        relay.listen(members::localMember);
        directory.fill(names);
        watching = grid.getCluster().addMembershipListener(this);
        watchingMerges = grid.getLifecycleService().addLifecycleListener(this::lifecycle);
        LOG.info(() -> "cluster: joined as " + here + ", " + grid.getCluster().getMembers().size()
                + " instance(s), " + directory.sorted().size() + " name(s) online");
    }

    /**
     * Keeps a second backup of every entry, sent asynchronously (a write still waits for one
     * backup only, as with the grid's defaults). With three instances every one then holds a
     * copy of everything, so an instance cut off from the two others goes on with all names and
     * calls instead of the third of them whose two copies were on the other side; with more
     * instances a side that keeps fewer than three of them may still lose entries (the
     * instance-loss cleanup and {@link Reconciliation} then restore what this instance knows).
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

    /** Whether this instance's grid operations answer (see {@link GridProbe}). */
    @Override
    public boolean reachable() {
        return probe.answers();
    }

    @Override
    public void close() {
        cleanup.shutdownNow();
        // On a server's shutdown the grid may stop first; its listeners are gone with it.
        if (grid.getLifecycleService().isRunning()) {
            grid.getLifecycleService().removeLifecycleListener(watchingMerges);
            instances.stop();
            grid.getCluster().removeMembershipListener(watching);
            directory.stop(names);
            relay.stop();
        }
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
            // Names whose every copy was on the lost side vanish from the map without an event.
            directory.refill(names);
            endCallsWith(gone);
            if (oldest) {
                freeNamesOf(gone);
                callStore.forgetCallsAmong(instance -> !inCluster(instance));
            }
            relay.forget(gone);
            // This instance's own names may have lost every copy with the lost side: put them back.
            reconciliation.checkLocalLogins("instance " + gone + " left");
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
            directory.refill(names);
            reconciliation.checkLocalLogins("the merge");
        }));
    }

    /** Another instance merged back into this cluster, and its entries with it. */
    private void merged(String instance) {
        if (!instance.equals(here)) {
            cleanup.execute(() -> cleanUpAfter("instance " + instance + " merged back",
                    () -> reconciliation.checkLocalLogins("instance " + instance + " merged back")));
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

    private void freeNamesOf(String gone) {
        int freed = 0;
        for (Map.Entry<String, String> entry : names.entrySet()) {
            if (GridMembers.storedOn(entry.getValue(), gone) && names.remove(entry.getKey(), entry.getValue())) {
                freed++;
            }
        }
        int count = freed;
        LOG.info(() -> "cluster: freed " + count + " name(s) of instance " + gone);
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
