package org.callsign.presence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Takeover tokens (docs/protocol.md rule 5): 192 random bits, URL-safe. The server keeps only
 * their SHA-256 digest, as the login's {@link Member#id}, and compares digests in constant time.
 */
final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    static String newToken() {
        byte[] bits = new byte[24];
        RANDOM.nextBytes(bits);
        return URL_SAFE.encodeToString(bits);
    }

    static String digest(String token) {
        return URL_SAFE.encodeToString(sha256(token));
    }

    /** Constant time, so the time a refusal takes tells nothing about the token. */
    static boolean matches(String expectedDigest, String offeredToken) {
        if (offeredToken == null) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest.getBytes(StandardCharsets.US_ASCII),
                digest(offeredToken).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
