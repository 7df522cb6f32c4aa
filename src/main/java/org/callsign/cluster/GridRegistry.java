package org.callsign.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import jakarta.enterprise.inject.spi.CDI;
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
 * lost instance's names and the calls among its own members.
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
    private final UUID watching;
    private volatile Consumer<Member> lost = member -> { };

    GridRegistry(HazelcastInstance grid, ClusterKeys keys) {
        this.grid = grid;
        this.here = grid.getCluster().getLocalMember().getUuid().toString();
        EntrySeal seal = new EntrySeal(keys);
        SealedMap names = new SealedMap(OutsideApplication.create(() -> grid.getMap("signal-names")), seal, rejections, true);
        SealedMap callMap = new SealedMap(OutsideApplication.create(() -> grid.getMap("signal-calls")), seal, rejections, false);
        this.relay = new Relay(grid, here, keys, rejections);
        this.members = new GridMembers(here, relay);
        this.nameStore = new GridNameStore(names, members, new Directory(), this::inCluster, cleanup);
        this.presence = new Presence(nameStore);
        this.callStore = new GridCallStore(callMap, members, this::inCluster, cleanup);
        this.calls = new Calls(callStore);
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
        LOG.info(() -> "cluster: joined as " + here + ", " + grid.getCluster().getMembers().size()
                + " instance(s), " + nameStore.sorted().size() + " name(s) online");
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
    public void onRejected(Runnable counted) {
        rejections.onRejected(counted);
    }

    @Override
    public void close() {
        // On a server's shutdown the grid may stop first; its listeners are gone with it.
        if (grid.getLifecycleService().isRunning()) {
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
        String gone = event.getMember().getUuid().toString();
        boolean oldest = event.getMembers().iterator().next().localMember();
        LOG.info(() -> "cluster: instance " + gone + " left, " + event.getMembers().size() + " in all");
        cleanup.execute(() -> cleanUpAfter(gone, () -> {
            endCallsWith(gone);
            if (oldest) {
                int freed = nameStore.freeNamesOf(gone);
                LOG.info(() -> "cluster: freed " + freed + " name(s) of instance " + gone);
                callStore.forgetCallsAmong(instance -> !inCluster(instance));
            }
            relay.forget(gone);
        }));
        // A ring that checked the lost instance's user just before the loss was known may write
        // its call just after the pass above read the calls; a second pass ends it.
        cleanup.schedule(() -> cleanUpAfter(gone, () -> endCallsWith(gone)), SECOND_PASS_SECONDS, TimeUnit.SECONDS);
    }

    private static void cleanUpAfter(String gone, Runnable cleanUp) {
        try {
            cleanUp.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster: cleanup after instance " + gone + " left failed", e);
        }
    }

    /** Ends, as lost, the lost instance's members in a call with a member here. */
    private void endCallsWith(String gone) {
        for (Member mine : members.localMembers()) {
            Call call = calls.of(mine);
            if (call != null && members.instanceOf(call.peerOf(mine)).equals(gone)) {
                lost.accept(call.peerOf(mine));
            }
        }
    }

    private boolean inCluster(String instance) {
        for (com.hazelcast.cluster.Member member : grid.getCluster().getMembers()) {
            if (member.getUuid().toString().equals(instance)) {
                return true;
            }
        }
        return false;
    }
}
