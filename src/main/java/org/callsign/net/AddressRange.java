package org.callsign.net;

import java.net.InetAddress;

/** An IP address, or a CIDR range of them ({@code 10.0.0.0/8}, {@code 2001:db8::/32}). */
public record AddressRange(InetAddress network, int prefixLength) {

    public AddressRange {
        int bits = 8 * network.getAddress().length;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("a prefix of " + prefixLength + " bits for " + network.getHostAddress());
        }
    }

    /** {@code 192.0.2.7} (that address alone) or {@code 192.0.2.0/24}; refuses host names and anything else. */
    public static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress network = IpLiteral.parse(address)
                .orElseThrow(() -> new IllegalArgumentException("\"" + text + "\" is not an IP address or CIDR range"));
        int bits = 8 * network.getAddress().length;
        if (slash < 0) {
            return new AddressRange(network, bits);
        }
        String prefix = text.substring(slash + 1);
        if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > bits) {
            throw new IllegalArgumentException("\"" + text + "\" has no prefix length from 0 to " + bits);
        }
        return new AddressRange(network, Integer.parseInt(prefix));
    }

    /** Whether {@code address} is in this range; an IPv4 address is never in an IPv6 range, nor the reverse. */
    public boolean contains(InetAddress address) {
        byte[] inRange = network.getAddress();
        byte[] candidate = address.getAddress();
        if (inRange.length != candidate.length) {
            return false;
        }
        int wholeBytes = prefixLength / 8;
        for (int i = 0; i < wholeBytes; i++) {
            if (inRange[i] != candidate[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = (0xff << (8 - restBits)) & 0xff;
        return (inRange[wholeBytes] & mask) == (candidate[wholeBytes] & mask);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
