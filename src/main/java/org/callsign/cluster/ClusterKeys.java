package org.callsign.cluster;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of a cluster, derived from {@code signal.cluster.secret} (docs/protocol.md rule 35)
 * with HKDF-SHA256 (RFC 5869), one key per purpose so that no key serves two. Hazelcast's
 * open-source data grid lets anyone who reaches its port read and write every map and topic;
 * these keys are what tells the cluster's own instances from everyone else.
 */
final class ClusterKeys {

    /** RFC 5869's advice: an input key at least as long as the hash, here 256 bits. */
    static final int MIN_SECRET_BYTES = 32;
    private static final String HMAC = "HmacSHA256";
    private static final byte[] SALT = "callsign cluster v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] pseudoRandomKey;

    private ClusterKeys(byte[] secret) {
        this.pseudoRandomKey = hmac(SALT, secret);
    }

    /** The keys of {@code secret}; refuses a missing or short one with the reason, which fails the deployment. */
    static ClusterKeys of(Optional<String> secret) {
        String value = secret.orElseThrow(() -> new IllegalStateException(
                "signal.cluster.enabled is true, but signal.cluster.secret is not set: every instance of a cluster "
                        + "needs the same secret of at least " + MIN_SECRET_BYTES + " bytes (openssl rand -base64 48)"));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("signal.cluster.secret is " + bytes.length + " bytes; it must be at least "
                    + MIN_SECRET_BYTES + " (openssl rand -base64 48)");
        }
        return new ClusterKeys(bytes);
    }

    /** A 256-bit key for {@code purpose}, the same on every instance with the same secret. */
    SecretKey derive(String purpose, String algorithm) {
        byte[] info = (purpose + '\u0001').getBytes(StandardCharsets.UTF_8);
        return new SecretKeySpec(hmac(pseudoRandomKey, info), algorithm);
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
