package org.callsign.presence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** Takeover tokens (PROTOCOL.md rule 5): 192 random bits, URL-safe, compared in constant time. */
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

    /** Constant time, so the time a refusal takes tells nothing about the token. */
    static boolean matches(String expected, String offered) {
        if (offered == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                offered.getBytes(StandardCharsets.UTF_8));
    }
}
