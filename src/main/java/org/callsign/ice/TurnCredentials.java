package org.callsign.ice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ephemeral TURN credentials in the TURN REST API form that coturn's {@code use-auth-secret}
 * checks: username {@code EXPIRY:NAME}, credential base64(HMAC-SHA1(secret, username)).
 */
public final class TurnCredentials {

    private TurnCredentials() {
    }

    public static IceServer issue(List<String> turnUrls, String secret, String user,
                                  long expiresAtEpochSeconds) {
        String username = expiresAtEpochSeconds + ":" + user;
        return new IceServer(turnUrls, username, hmacSha1Base64(secret, username));
    }

    static String hmacSha1Base64(String secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is required of every JDK", e);
        }
    }
}
