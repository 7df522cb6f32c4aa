package org.callsign.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals the entries instances keep in the data grid's maps so that only the cluster's own
 * instances can read or write them (docs/protocol.md rule 35). A value is encrypted and
 * authenticated with AES-GCM, bound to its map and key as associated data, so it cannot be
 * moved to another key. The nonce is an HMAC of the map, key and value (a synthetic IV, as in
 * RFC 5297): the same value under the same key seals to the same text, which the maps' atomic
 * replace(key, old, new) and remove(key, value) need, and two different values never share a
 * nonce. Keys that would reveal who is online (the names) are replaced by their HMAC.
 */
final class EntrySeal {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder FROM_TEXT = Base64.getUrlDecoder();

    private final byte[] keyNamer;
    private final byte[] nonceMaker;
    private final SecretKey cipherKey;

    EntrySeal(ClusterKeys keys) {
        this.keyNamer = keys.derive("entry keys", "HmacSHA256").getEncoded();
        this.nonceMaker = keys.derive("entry nonces", "HmacSHA256").getEncoded();
        this.cipherKey = keys.derive("entries", "AES");
    }

    /** The key a map holds for {@code plain}: the same on every instance, meaningless to anyone else. */
    String hideKey(String plain) {
        return TEXT.encodeToString(ClusterKeys.hmac(keyNamer, plain.getBytes(StandardCharsets.UTF_8)));
    }

    String seal(String map, String key, String value) {
        byte[] associated = associated(map, key);
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        // The length first, so that no two (key, value) pairs make the same input: GCM must never
        // see one nonce with two different values.
        byte[] length = ByteBuffer.allocate(Integer.BYTES).putInt(associated.length).array();
        byte[] nonce = Arrays.copyOf(ClusterKeys.hmac(nonceMaker, concat(concat(length, associated), plain)), NONCE_BYTES);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, associated, plain, 0);
        return TEXT.encodeToString(concat(nonce, sealed));
    }

    /** The value {@link #seal} sealed under this map and key, or null if {@code sealed} is anything else. */
    String open(String map, String key, String sealed) {
        byte[] bytes;
        try {
            bytes = FROM_TEXT.decode(sealed);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            return null;
        }
        byte[] plain = crypt(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), associated(map, key), bytes, NONCE_BYTES);
        return plain == null ? null : new String(plain, StandardCharsets.UTF_8);
    }

    /** AES-GCM over {@code input} from {@code offset}; null when decryption fails authentication. */
    private byte[] crypt(int mode, byte[] nonce, byte[] associated, byte[] input, int offset) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, cipherKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated);
            return cipher.doFinal(input, offset, input.length - offset);
        } catch (AEADBadTagException forged) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private static byte[] associated(String map, String key) {
        return (map + '\u0000' + key).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    }
}
