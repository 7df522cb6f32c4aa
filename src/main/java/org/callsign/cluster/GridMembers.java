package org.callsign.cluster;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.callsign.presence.Member;
import org.callsign.presence.Name;

/**
 * Members as the data grid stores them, {@code instance/id/name}, and back: a Member logged in
 * here comes back as itself, with its connection's outbox; any other as a Member whose outbox
 * reaches its instance through the {@link Relay}. '/' appears in no name (docs/protocol.md rule 2),
 * member id (URL-safe Base64) or instance id (a UUID), so the fields split unambiguously.
 */
final class GridMembers {

    private static final char SEPARATOR = '/';

    private final String here;
    private final Relay relay;
    /** The members logged in through this instance, by id. */
    private final Map<String, Member> local = new ConcurrentHashMap<>();

    GridMembers(String here, Relay relay) {
        this.here = here;
        this.relay = relay;
    }

    String encode(Member member) {
        return instanceOf(member) + SEPARATOR + member.id() + SEPARATOR + member.name().display();
    }

    Member decode(String stored) {
        int first = stored.indexOf(SEPARATOR);
        int second = stored.indexOf(SEPARATOR, first + 1);
        String instance = stored.substring(0, first);
        String id = stored.substring(first + 1, second);
        if (instance.equals(here)) {
            Member mine = local.get(id);
            if (mine != null) {
                return mine;
            }
        }
        // A login of another instance, or one of ours that has just closed: the relay either
        // reaches it or finds nobody there, and drops the message as the closed socket would.
        Name name = Name.parse(stored.substring(second + 1))
                .orElseThrow(() -> new IllegalStateException("Invalid name in the grid: " + stored));
        return new Member(name, id, relay.outboxFor(instance, id));
    }

    /** The server instance holding the member's connection. */
    String instanceOf(Member member) {
        return member.outbox() instanceof RemoteOutbox remote ? remote.instance() : here;
    }

    /** A login of this instance that is no longer here: what the grid still says of it is stale. */
    boolean goneFromHere(Member member) {
        return here.equals(instanceOf(member)) && local.get(member.id()) == null;
    }

    void arrived(Member member) {
        local.put(member.id(), member);
    }

    void left(Member member) {
        local.remove(member.id(), member);
    }

    Member localMember(String id) {
        return local.get(id);
    }

    Collection<Member> localMembers() {
        return local.values();
    }
}
