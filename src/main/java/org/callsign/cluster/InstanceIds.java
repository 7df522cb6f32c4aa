package org.callsign.cluster;

import com.hazelcast.cluster.Member;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Which server instance a data-grid member is. An instance's id is the member UUID the grid gave
 * it when it first joined; {@link GridMembers} writes it into every name and call the instance
 * stores, and the relay names its topic and keys after it, so it must not change while the
 * instance lives. The grid does change it: a member that merges back after a partition is reset
 * and rejoins with a new UUID (Hazelcast's ClusterServiceImpl logs "Resetting local member
 * UUID"). Such an instance then announces "new UUID → instance id" in a small sealed map, and
 * every instance keeps a copy of that map here, so that telling who is in the cluster, and
 * freeing an instance's names when it leaves, keep working with the id its entries carry. The
 * copy is read from memory: during a partition part of the map may be out of reach, and these
 * lookups are needed exactly then.
 */
final class InstanceIds implements SealedMap.Changes {

    private final SealedMap announced;
    /** Member UUID → instance id, for members whose UUID changed; any other member's id is its UUID. */
    private final Map<String, String> byUuid = new ConcurrentHashMap<>();
    private final Consumer<String> onAnnounced;
    private final UUID listening;

    /** {@code onAnnounced} gets the instance id of each instance that announces a new UUID. */
    InstanceIds(SealedMap announced, Consumer<String> onAnnounced) {
        this.announced = announced;
        this.onAnnounced = onAnnounced;
        this.listening = announced.listen(this);
        announced.entries().forEach(entry -> byUuid.put(entry.storedKey(), entry.value()));
    }

    /** The instance id of {@code member}. */
    String of(Member member) {
        String uuid = member.getUuid().toString();
        return byUuid.getOrDefault(uuid, uuid);
    }

    /** Tells every instance that {@code instance} is now the member {@code memberUuid}. */
    void announce(String memberUuid, String instance) {
        byUuid.put(memberUuid, instance);
        announced.set(memberUuid, instance);
    }

    void stop() {
        announced.stopListening(listening);
    }

    @Override
    public void stored(String memberUuid, String instance) {
        boolean news = !instance.equals(byUuid.put(memberUuid, instance));
        if (news) {
            onAnnounced.accept(instance);
        }
    }

    @Override
    public void removed(String memberUuid, String previous) {
        // Announcements are only ever added: a member's UUID keeps meaning its instance.
    }

    @Override
    public void forged(String memberUuid) {
        // Counted and logged by the sealed map; the copy here keeps what was authentic.
    }

    @Override
    public void cleared() {
        // As for a removal: the copy here keeps what was authentic.
    }
}
