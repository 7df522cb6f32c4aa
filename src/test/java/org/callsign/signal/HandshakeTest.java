package org.callsign.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.callsign.net.TrustedProxies;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    private static final TrustedProxies PROXY = TrustedProxies.parse(List.of("10.0.0.2"));

    private static Handshake direct(boolean secure, String host) {
        return Handshake.of("198.51.100.1", secure, host, List.of(), null, null);
    }

    private static Handshake viaProxy(String peer, String host, String proto, String forwardedHost, String... forwardedFor) {
        return Handshake.of(peer, false, host, List.of(forwardedFor), proto, forwardedHost);
    }

    @Test
    void aPlainHandshakeBelongsToTheHttpOriginOfItsHostHeader() {
        assertTrue(direct(false, "calls.example:8080").isOwnOrigin("http://calls.example:8080", TrustedProxies.NONE));
        assertTrue(direct(false, "calls.example").isOwnOrigin("http://calls.example:80", TrustedProxies.NONE));
        assertFalse(direct(false, "calls.example:8080").isOwnOrigin("https://calls.example:8080", TrustedProxies.NONE));
        assertFalse(direct(false, "calls.example").isOwnOrigin("http://calls.example:8080", TrustedProxies.NONE));
        assertFalse(direct(false, null).isOwnOrigin("http://calls.example", TrustedProxies.NONE));
    }

    @Test
    void aTlsHandshakeBelongsToTheHttpsOrigin() {
        assertTrue(direct(true, "calls.example").isOwnOrigin("https://calls.example", TrustedProxies.NONE));
        assertFalse(direct(true, "calls.example:443").isOwnOrigin("http://calls.example:443", TrustedProxies.NONE));
    }

    @Test
    void behindATrustedProxyTheForwardedSchemeAndHostCount() {
        Handshake proxied = viaProxy("10.0.0.2", "backend:8080", "https", "calls.example");
        assertTrue(proxied.isOwnOrigin("https://calls.example", PROXY));
        assertFalse(proxied.isOwnOrigin("http://backend:8080", PROXY));
        // A proxy that sets only the scheme keeps the Host header.
        assertTrue(viaProxy("10.0.0.2", "calls.example", "https", null).isOwnOrigin("https://calls.example", PROXY));
        // A chain of proxies: the first value is what the browser used.
        assertTrue(viaProxy("10.0.0.2", "backend", "https, http", "calls.example, backend")
                .isOwnOrigin("https://calls.example", PROXY));
    }

    @Test
    void forwardedSchemeAndHostFromAnUntrustedPeerAreIgnored() {
        Handshake spoofed = viaProxy("198.51.100.1", "backend:8080", "https", "calls.example");
        assertFalse(spoofed.isOwnOrigin("https://calls.example", PROXY));
        assertTrue(spoofed.isOwnOrigin("http://backend:8080", PROXY));
    }

    @Test
    void theClientAddressComesFromForwardedForOnlyThroughATrustedProxy() {
        assertEquals("203.0.113.9",
                viaProxy("10.0.0.2", "h", null, null, "6.6.6.6, 203.0.113.9").client(PROXY).getHostAddress());
        assertEquals("203.0.113.9",
                viaProxy("10.0.0.2", "h", null, null, "6.6.6.6", "203.0.113.9").client(PROXY).getHostAddress(),
                "repeated headers are one list");
        assertEquals("198.51.100.1",
                viaProxy("198.51.100.1", "h", null, null, "203.0.113.9").client(PROXY).getHostAddress());
        assertEquals("0:0:0:0:0:0:0:1",
                viaProxy("::1%0", "h", null, null).client(PROXY).getHostAddress(), "the zone is dropped");
    }
}
