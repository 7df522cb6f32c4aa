package org.callsign.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.logging.Logger;
import org.callsign.message.CloseCode;
import org.callsign.message.Forwarded;
import org.callsign.message.Outgoing;
import org.callsign.message.ServerMessage;
import org.callsign.message.codec.ServerJson;
import org.callsign.presence.Member;
import org.callsign.presence.Outbox;

/**
 * Carries messages to connections on other instances: each instance listens on a topic of its
 * own, {@code signal-<instance id>}. A topic delivers one publisher's messages in the order they
 * were published, on one listener thread, so what one sender sends one recipient stays in order
 * (docs/protocol.md rule 13). The message is encoded once, here, and sent there as it is.
 */
final class Relay implements MessageListener<String> {

    private static final Logger LOG = Logger.getLogger(Relay.class.getName());
    private static final char DELIVER = 'D';
    private static final char CLOSE = 'C';

    private final HazelcastInstance grid;
    private final String here;
    private final Map<String, ITopic<String>> topics = new ConcurrentHashMap<>();
    private Function<String, Member> localMembers;
    private UUID listening;

    Relay(HazelcastInstance grid, String here) {
        this.grid = grid;
        this.here = here;
    }

    /** Starts taking messages for this instance's members, found by id with {@code localMembers}. */
    void listen(Function<String, Member> localMembers) {
        this.localMembers = localMembers;
        listening = topic(here).addMessageListener(this);
    }

    void stop() {
        topic(here).removeMessageListener(listening);
    }

    /** Drops the topic of an instance that has left; its messages would reach nobody. */
    void forget(String instance) {
        topics.remove(instance);
    }

    Outbox outboxFor(String instance, String memberId) {
        return new RemoteOutbox(this, instance, memberId);
    }

    void deliver(String instance, String memberId, Outgoing message) {
        Forwarded encoded = message instanceof ServerMessage plain
                ? new Forwarded(plain.getClass(), ServerJson.write(plain)) : (Forwarded) message;
        topic(instance).publish(DELIVER + encoded.kind().getSimpleName() + '\n' + memberId + '\n' + encoded.json());
    }

    void close(String instance, String memberId, CloseCode reason) {
        topic(instance).publish(CLOSE + reason.name() + '\n' + memberId);
    }

    @Override
    public void onMessage(Message<String> message) {
        String text = message.getMessageObject();
        int endOfHead = text.indexOf('\n');
        int endOfId = text.indexOf('\n', endOfHead + 1);
        String head = text.substring(1, endOfHead);
        String memberId = endOfId < 0 ? text.substring(endOfHead + 1) : text.substring(endOfHead + 1, endOfId);
        Member member = localMembers.apply(memberId);
        if (member == null) {
            LOG.fine(() -> "dropped a message for a login that is no longer here");
            return;
        }
        if (text.charAt(0) == DELIVER) {
            member.outbox().deliver(new Forwarded(Forwarded.kindNamed(head), text.substring(endOfId + 1)));
        } else {
            member.outbox().close(CloseCode.valueOf(head));
        }
    }

    private ITopic<String> topic(String instance) {
        return topics.computeIfAbsent(instance, id -> OutsideApplication.create(() -> grid.getTopic("signal-" + id)));
    }
}
