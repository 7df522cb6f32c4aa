package org.callsign.cluster;

import com.hazelcast.topic.ITopic;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries records to one other instance: one frame per publish, sealed and numbered by
 * {@link FrameSeal}. A sender queues its record and, unless another thread is publishing to
 * that instance already, publishes everything queued by then as one frame; records queued
 * while a frame is on its way go in the next. Under load many records share one frame (one
 * seal, one grid message); alone, a record goes at once, on the sender's own thread. Only one
 * thread publishes at a time, so frames leave in the order their numbers say, and records in
 * the order they were queued (docs/protocol.md rule 13).
 */
final class Courier {

    /** A frame holds at least one record, and more only while it stays under this size. */
    private static final int MAX_FRAME_BYTES = 256 * 1024;

    private final String destination;
    private final ITopic<byte[]> topic;
    private final FrameSeal seal;
    private final Queue<byte[]> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean publishing = new AtomicBoolean();

    Courier(String destination, ITopic<byte[]> topic, FrameSeal seal) {
        this.destination = destination;
        this.topic = topic;
        this.seal = seal;
    }

    void send(byte[] record) {
        waiting.add(record);
        // Checked again after letting go: a record queued just before would otherwise wait for the next sender.
        while (!waiting.isEmpty() && publishing.compareAndSet(false, true)) {
            try {
                publishWaiting();
            } finally {
                publishing.set(false);
            }
        }
    }

    private void publishWaiting() {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(records);
        try {
            byte[] record;
            while ((record = waiting.peek()) != null
                    && (records.size() == 0 || records.size() + Integer.BYTES + record.length <= MAX_FRAME_BYTES)) {
                waiting.poll();
                out.writeInt(record.length);
                out.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        topic.publish(seal.seal(destination, records.toByteArray()));
    }
}
