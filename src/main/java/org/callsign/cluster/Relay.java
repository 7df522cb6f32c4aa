package org.callsign.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.callsign.message.CloseCode;
import org.callsign.message.Forwarded;
import org.callsign.message.Outgoing;
import org.callsign.message.ServerMessage;
import org.callsign.message.ServerMessage.ErrorReply;
import org.callsign.message.ServerMessage.RelayedOffer;
import org.callsign.message.codec.ServerJson;
import org.callsign.presence.Call;
import org.callsign.presence.Member;
import org.callsign.presence.Outbox;

/**
 * Carries messages to connections on other instances: each instance listens on a topic of its
 * own, {@code signal-<instance id>}, and sends each other instance sealed frames of records
 * through a {@link Courier}. A topic delivers one publisher's messages in the order they were
 * published, on one listener thread, so what one sender sends one recipient stays in order
 * (docs/protocol.md rule 13). A message is encoded once, on the sender's instance, and delivered
 * there as it is. What does not open (docs/protocol.md rule 35) is dropped and counted.
 */
final class Relay implements MessageListener<Object> {

    private static final Logger LOG = Logger.getLogger(Relay.class.getName());
    private static final byte DELIVER = 'D';
    private static final byte CLOSE = 'C';

    /** Who the relay delivers to on this instance, and the check a call's messages must pass there. */
    interface Recipients {

        /** The login with this id on this instance, or null. */
        Member local(String memberId);

        /** Whether {@code recipient} is in call {@code serial} with {@code senderId}. */
        boolean inCall(Member recipient, String senderId, long serial);
    }

    private final HazelcastInstance grid;
    private final String here;
    private final FrameSeal seal;
    private final Rejections rejections;
    private final Map<String, Courier> couriers = new ConcurrentHashMap<>();
    private Recipients recipients;
    private ITopic<byte[]> inbound;
    private UUID listening;

    Relay(HazelcastInstance grid, String here, ClusterKeys keys, Rejections rejections) {
        this.grid = grid;
        this.here = here;
        this.seal = new FrameSeal(keys, here);
        this.rejections = rejections;
    }

    /** Starts taking messages for this instance's logins. */
    void listen(Recipients recipients) {
        this.recipients = recipients;
        inbound = topicOf(here);
        // Anyone on the grid may publish anything here: the listener takes objects and checks.
        @SuppressWarnings({"unchecked", "rawtypes"})
        ITopic<Object> anything = (ITopic) inbound;
        listening = anything.addMessageListener(this);
    }

    void stop() {
        inbound.removeMessageListener(listening);
    }

    /** Drops the courier of an instance that has left; its messages would reach nobody. */
    void forget(String instance) {
        couriers.remove(instance);
    }

    Outbox outboxFor(String instance, String memberId) {
        return new RemoteOutbox(this, instance, memberId);
    }

    /** Sends {@code message} to login {@code memberId} on {@code instance}; {@code within} is the call it belongs to, or null. */
    void deliver(String instance, String memberId, Outgoing message, Call within, Member sender) {
        Forwarded encoded = message instanceof ServerMessage plain
                ? new Forwarded(plain.getClass(), ServerJson.write(plain)) : (Forwarded) message;
        byte[] json = encoded.json().getBytes(StandardCharsets.UTF_8);
        courierTo(instance).send(record(out -> {
            out.writeByte(DELIVER);
            out.writeUTF(memberId);
            out.writeUTF(within == null ? "" : sender.id());
            out.writeLong(within == null ? 0 : within.serial());
            out.writeUTF(encoded.kind().getSimpleName());
            out.writeInt(json.length);
            out.write(json);
        }));
    }

    void close(String instance, String memberId, CloseCode reason) {
        courierTo(instance).send(record(out -> {
            out.writeByte(CLOSE);
            out.writeUTF(memberId);
            out.writeUTF(reason.name());
        }));
    }

    @Override
    public void onMessage(Message<Object> message) {
        FrameSeal.Opened frame = message.getMessageObject() instanceof byte[] bytes ? seal.open(bytes) : null;
        if (frame == null) {
            String source = message.getPublishingMember() == null ? "topic " + inbound.getName()
                    : message.getPublishingMember().getAddress().toString();
            rejections.reject(source, "a relayed frame");
            return;
        }
        try (DataInputStream records = new DataInputStream(new ByteArrayInputStream(frame.records()))) {
            while (records.available() > 0) {
                byte[] record = new byte[records.readInt()];
                records.readFully(record);
                act(frame.sender(), new DataInputStream(new ByteArrayInputStream(record)));
            }
        } catch (IOException | IllegalArgumentException e) {
            // Sealed by an instance with the secret: only a different version of Callsign writes
            // what this cannot read (a record cut short, a message or close kind unknown here).
            LOG.warning(() -> "cluster: unreadable frame from instance " + frame.sender() + ": " + e);
        }
    }

    /** Carries out one record from instance {@code sender}. */
    private void act(String sender, DataInputStream in) throws IOException {
        byte type = in.readByte();
        Member member = recipients.local(in.readUTF());
        if (member == null) {
            LOG.fine(() -> "dropped a message for a login that is no longer here");
            return;
        }
        if (type == CLOSE) {
            member.outbox().close(CloseCode.valueOf(in.readUTF()));
            return;
        }
        String senderId = in.readUTF();
        long serial = in.readLong();
        Class<? extends ServerMessage> kind = Forwarded.kindNamed(in.readUTF());
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        if (!senderId.isEmpty() && !recipients.inCall(member, senderId, serial)) {
            // The sender's instance saw the call still on: its copy had not yet heard of an end
            // made here. An answer or candidate gets the refusal it would have got there, after
            // the leave; an offer's call ended as it rang, and the caller hears that leave.
            if (kind != RelayedOffer.class) {
                deliver(sender, senderId, ErrorReply.notInCallWith(member.name().display()), null, null);
            }
            return;
        }
        member.outbox().deliver(new Forwarded(kind, new String(json, StandardCharsets.UTF_8)));
    }

    private Courier courierTo(String instance) {
        return couriers.computeIfAbsent(instance, id -> new Courier(id, topicOf(id), seal));
    }

    private ITopic<byte[]> topicOf(String instance) {
        return OutsideApplication.create(() -> grid.getTopic("signal-" + instance));
    }

    private interface RecordWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] record(RecordWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return bytes.toByteArray();
    }
}
