package org.callsign.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse(List.of("10.0.0.0/8", "192.0.2.7", "2001:db8::/32"));

    private static InetAddress address(String text) {
        return IpLiteral.parse(text).orElseThrow();
    }

    private static String client(String peer, String... forwardedFor) {
        return PROXIES.clientOf(address(peer), List.of(forwardedFor)).getHostAddress();
    }

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItsHeaderSays() {
        assertEquals("203.0.113.5", client("203.0.113.5", "198.51.100.1"));
        assertEquals("203.0.113.5", client("203.0.113.5", "10.0.0.1"));
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedAddressIsTheClient() {
        assertEquals("198.51.100.1", client("10.1.1.1", "198.51.100.1"));
        // The client wrote the left part itself; the proxies appended what they saw.
        assertEquals("198.51.100.1", client("10.1.1.1", "6.6.6.6", "198.51.100.1", "192.0.2.7", "10.2.2.2"));
        assertEquals("198.51.100.1", client("2001:db8::5", "[2001:db8::9]:1234", "198.51.100.1:5000", "2001:db8::7"));
    }

    @Test
    void whenEveryForwardedAddressIsATrustedProxyTheLeftMostIsTheClient() {
        assertEquals("10.9.9.9", client("10.1.1.1", "10.9.9.9", "192.0.2.7"));
    }

    @Test
    void aTrustedProxyWithoutTheHeaderIsItselfTheClient() {
        assertEquals("10.1.1.1", client("10.1.1.1"));
    }

    @Test
    void anUnreadableEntryEndsTheWalkAtTheProxyThatPassedItOn() {
        assertEquals("192.0.2.7", client("10.1.1.1", "198.51.100.1", "unknown", "192.0.2.7"));
        assertEquals("10.1.1.1", client("10.1.1.1", "client.example"));
        assertEquals("10.1.1.1", client("10.1.1.1", ""));
    }

    @Test
    void noProxiesTrustNobody() {
        assertFalse(TrustedProxies.NONE.trusts(address("127.0.0.1")));
        assertEquals("127.0.0.1", TrustedProxies.NONE.clientOf(address("127.0.0.1"), List.of("198.51.100.1")).getHostAddress());
        assertTrue(PROXIES.trusts(address("::ffff:10.0.0.1")), "an IPv4-mapped address is the IPv4 address");
    }
}
