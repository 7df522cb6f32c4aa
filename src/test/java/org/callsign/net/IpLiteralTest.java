package org.callsign.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    private static String read(String text) {
        return IpLiteral.parse(text).map(InetAddress::getHostAddress)
                .orElseThrow(() -> new AssertionError(text + " should be an address"));
    }

    @ParameterizedTest
    @CsvSource({"192.0.2.1, 192.0.2.1", "0.0.0.0, 0.0.0.0", "255.255.255.255, 255.255.255.255",
        "2001:db8::1, 2001:db8:0:0:0:0:0:1", "::, 0:0:0:0:0:0:0:0", "::1, 0:0:0:0:0:0:0:1",
        "2001:DB8:0:0:8:800:200C:417A, 2001:db8:0:0:8:800:200c:417a", "fe80::, fe80:0:0:0:0:0:0:0",
        "1:2:3:4:5:6::8, 1:2:3:4:5:6:0:8", "::ffff:192.0.2.1, 192.0.2.1", "64:ff9b::192.0.2.1, 64:ff9b:0:0:0:0:c000:201"})
    void literalsAreRead(String text, String address) {
        assertEquals(address, read(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4",
        "1.2.3.-4", "1..3.4", " 1.2.3.4", "1.2.3.4 ", "0x7f.0.0.1", "2130706433", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
        "1::2::3", ":::", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "12345::", "g::1", "1:2:3:4:5:6:7::8",
        "::1.2.3", "1.2.3.4::", "::ffff:1.2.3.4:5", "[::1]", "fe80::1%eth0", "unknown"})
    void anythingElseIsRefusedWithoutANameLookup(String text) {
        assertTrue(IpLiteral.parse(text).isEmpty(), () -> "read " + text);
    }

    @ParameterizedTest
    @CsvSource({"192.0.2.1:5000, 192.0.2.1", "[2001:db8::1]:443, 2001:db8:0:0:0:0:0:1",
        "[2001:db8::1], 2001:db8:0:0:0:0:0:1", "2001:db8::1, 2001:db8:0:0:0:0:0:1", "192.0.2.1, 192.0.2.1"})
    void forwardedEntriesMayCarryAPort(String entry, String address) {
        assertEquals(address, IpLiteral.parseForwarded(entry).map(InetAddress::getHostAddress).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1:", "192.0.2.1:port", "192.0.2.1:1234567", "[2001:db8::1", "[2001:db8::1]x",
        "[192.0.2.1:80", "unknown", "host:80", "_hidden"})
    void malformedForwardedEntriesAreRefused(String entry) {
        assertTrue(IpLiteral.parseForwarded(entry).isEmpty(), () -> "read " + entry);
    }
}
