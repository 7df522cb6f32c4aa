package org.callsign.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRangeTest {

    private static InetAddress address(String text) {
        return IpLiteral.parse(text).orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8, 10.255.1.2, true", "10.0.0.0/8, 11.0.0.1, false",
        "192.0.2.0/25, 192.0.2.127, true", "192.0.2.0/25, 192.0.2.128, false",
        "192.0.2.7, 192.0.2.7, true", "192.0.2.7, 192.0.2.8, false", "0.0.0.0/0, 203.0.113.9, true",
        "172.16.0.0/12, 172.31.255.255, true", "172.16.0.0/12, 172.32.0.0, false",
        "2001:db8::/32, 2001:db8:ffff::1, true", "2001:db8::/32, 2001:db9::1, false",
        "::1, ::1, true", "::/0, 2001:db8::1, true",
        "::/0, 192.0.2.1, false", "0.0.0.0/0, ::1, false", "192.0.2.0/24, ::ffff:192.0.2.9, true"})
    void containsAddressesInsideItsPrefix(String range, String candidate, boolean inside) {
        assertEquals(inside, AddressRange.parse(range).contains(address(candidate)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "proxy.example", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/-1",
        "10.0.0.0/8/8", "10.0.0.0/ 8", "10.0.0/8"})
    void anythingButAnAddressOrCidrRangeIsRefused(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(text));
        assertEquals(true, refused.getMessage().contains(text), refused.getMessage());
    }
}
