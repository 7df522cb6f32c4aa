package org.callsign.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class TurnCredentialsTest {

    private static final List<String> TURN = List.of("turn:turn.example.org:3478?transport=udp");

    @Test
    void theUsernameIsExpiryColonName() {
        IceServer server = TurnCredentials.issue(TURN, "s3cret", "alice", 1_700_003_600L);

        assertEquals("1700003600:alice", server.username());
        assertEquals(TURN, server.urls());
    }

    @Test
    void theCredentialMatchesAVectorComputedWithOpenssl() {
        // printf '1700003600:alice' | openssl dgst -sha1 -hmac s3cret -binary | base64
        IceServer server = TurnCredentials.issue(TURN, "s3cret", "alice", 1_700_003_600L);

        assertEquals("YAFdW/YDZewZsR1QSgUk2IrfbRI=", server.credential());
    }

    @Test
    void theCredentialIsBase64OfHmacSha1OfTheUsernameKeyedWithTheSecret() throws Exception {
        String secret = "north-wind-\u00e9t\u00e9";
        IceServer server = TurnCredentials.issue(TURN, secret, "J\u00fcrgen", 42L);

        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal("42:J\u00fcrgen".getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, server.credential());
    }

    @Test
    void theRfc2202VectorHolds() {
        // RFC 2202 test case 2: HMAC-SHA1("Jefe", "what do ya want for nothing?").
        String expected = Base64.getEncoder().encodeToString(
                HexFormat.of().parseHex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"));
        assertEquals(expected, TurnCredentials.hmacSha1Base64("Jefe", "what do ya want for nothing?"));
    }
}
