package org.callsign.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals the frames one instance sends another through the data grid (docs/protocol.md rule 35):
 * AES-GCM with a key for each ordered pair of instances, so a frame can be opened only by the
 * instance it was sent to and only as coming from the instance that sent it. A sender numbers
 * its frames; the number is the nonce, so none repeats under a key, and a frame is accepted only
 * if its number is above the last one accepted from that sender, so a captured frame played
 * again is refused. The grid's topic delivers one publisher's messages in order, which keeps the
 * numbers rising. Instance ids are new at every start, and so are the keys.
 *
 * <p>A frame is: version (1 byte), sender's instance id (36 ASCII bytes), number (8 bytes), then
 * the sealed records; the first 45 bytes are authenticated with them.
 */
final class FrameSeal {

    private static final byte VERSION = 1;
    private static final int ID_BYTES = 36;
    private static final int HEAD_BYTES = 1 + ID_BYTES + Long.BYTES;
    private static final int TAG_BITS = 128;
    private static final int NONCE_BYTES = 12;

    /** A frame opened: who sent it, and its records. */
    record Opened(String sender, byte[] records) {
    }

    private final ClusterKeys keys;
    private final String here;
    private final Map<String, SecretKey> pairKeys = new ConcurrentHashMap<>();
    /** The highest frame number accepted from each sender. */
    private final Map<String, AtomicLong> lastAccepted = new ConcurrentHashMap<>();
    /** The number of the last frame sealed here, to any destination. */
    private final AtomicLong sent = new AtomicLong();
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(FrameSeal::newCipher);

    FrameSeal(ClusterKeys keys, String here) {
        this.keys = keys;
        this.here = here;
    }

    /**
     * The next frame to {@code destination}. One count for all destinations, so that numbers rise
     * for each whatever comes and goes (a destination lost in a partition and back after it).
     * Callers seal one frame at a time per destination and publish in the order they sealed.
     */
    byte[] seal(String destination, byte[] records) {
        long number = sent.incrementAndGet();
        ByteBuffer frame = ByteBuffer.allocate(HEAD_BYTES + records.length + TAG_BITS / 8);
        frame.put(VERSION).put(here.getBytes(StandardCharsets.US_ASCII)).putLong(number);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key(here, destination), nonce(number));
            cipher.updateAAD(frame.array(), 0, HEAD_BYTES);
            cipher.doFinal(records, 0, records.length, frame.array(), HEAD_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
        return frame.array();
    }

    /** The frame's records, or null if it was not sealed for this instance by an instance with the secret, or was seen before. */
    Opened open(byte[] frame) {
        if (frame.length < HEAD_BYTES + TAG_BITS / 8 || frame[0] != VERSION) {
            return null;
        }
        String sender = new String(frame, 1, ID_BYTES, StandardCharsets.US_ASCII);
        long number = ByteBuffer.wrap(frame, 1 + ID_BYTES, Long.BYTES).getLong();
        AtomicLong last = lastAccepted.get(sender);
        if (last != null && number <= last.get()) {
            return null;
        }
        // Nothing is remembered of a sender before one of its frames opens: forged sender ids fill no map.
        String pair = sender + '>' + here;
        SecretKey key = pairKeys.get(pair);
        byte[] records;
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key != null ? key : cipherKeyOf(pair), nonce(number));
            cipher.updateAAD(frame, 0, HEAD_BYTES);
            records = cipher.doFinal(frame, HEAD_BYTES, frame.length - HEAD_BYTES);
        } catch (AEADBadTagException forged) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
        // One listener thread per sender: nothing else moves this sender's number meanwhile.
        lastAccepted.computeIfAbsent(sender, id -> new AtomicLong()).set(number);
        if (key == null) {
            pairKeys.put(pair, cipherKeyOf(pair));
        }
        return new Opened(sender, records);
    }

    private SecretKey key(String sender, String recipient) {
        return pairKeys.computeIfAbsent(sender + '>' + recipient, this::cipherKeyOf);
    }

    private SecretKey cipherKeyOf(String pair) {
        return keys.derive("relay " + pair, "AES");
    }

    private static GCMParameterSpec nonce(long number) {
        return new GCMParameterSpec(TAG_BITS, ByteBuffer.allocate(NONCE_BYTES).putLong(NONCE_BYTES - Long.BYTES, number).array());
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }
}
