package org.callsign.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * IP addresses written out as literals, read strictly and without a name lookup: a text that is
 * not an IPv4 dotted quad or an IPv6 address is refused. {@code InetAddress.getByName} would
 * resolve a host name instead, letting whoever writes the text (a client's X-Forwarded-For,
 * say) make the server query DNS.
 */
public final class IpLiteral {

    private static final int IPV4_BYTES = 4;
    private static final int IPV6_GROUPS = 8;

    private IpLiteral() {
    }

    /**
     * {@code 192.0.2.1} or {@code 2001:db8::1}; an IPv4-mapped IPv6 address comes back as the IPv4
     * address, so a client counts as one whichever way its address is written.
     */
    public static Optional<InetAddress> parse(String text) {
        byte[] bytes = text.indexOf(':') < 0 ? ipv4(text) : ipv6(text);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", impossible);
        }
    }

    /**
     * An address as proxies write it in X-Forwarded-For: a literal, or one with a port
     * ({@code 192.0.2.1:5000}, {@code [2001:db8::1]:5000}), which some proxies append.
     */
    public static Optional<InetAddress> parseForwarded(String entry) {
        if (entry.startsWith("[")) {
            int end = entry.indexOf(']');
            if (end < 0 || !isPortSuffix(entry.substring(end + 1))) {
                return Optional.empty();
            }
            return parse(entry.substring(1, end));
        }
        int colon = entry.indexOf(':');
        if (colon >= 0 && colon == entry.lastIndexOf(':') && isPortSuffix(entry.substring(colon))) {
            return parse(entry.substring(0, colon));
        }
        return parse(entry);
    }

    private static boolean isPortSuffix(String text) {
        return text.isEmpty() || (text.length() >= 2 && text.length() <= 6 && text.charAt(0) == ':'
                && digits(text.substring(1), 5));
    }

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != IPV4_BYTES) {
            return null;
        }
        byte[] bytes = new byte[IPV4_BYTES];
        for (int i = 0; i < IPV4_BYTES; i++) {
            int value = octet(parts[i]);
            if (value < 0) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /** 0 to 255 in decimal, without leading zeros (which some readers take for octal); -1 otherwise. */
    private static int octet(String part) {
        if (!digits(part, 3) || (part.length() > 1 && part.charAt(0) == '0')) {
            return -1;
        }
        int value = Integer.parseInt(part);
        return value <= 255 ? value : -1;
    }

    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int written = head.length + tail.length;
        // "::" stands for at least one group of zeros.
        if (gap < 0 ? written != IPV6_GROUPS : written >= IPV6_GROUPS) {
            return null;
        }
        byte[] bytes = new byte[2 * IPV6_GROUPS];
        put(bytes, head, 0);
        put(bytes, tail, IPV6_GROUPS - tail.length);
        return bytes;
    }

    /**
     * The 16-bit groups of one side of a "::" (or of the whole address); an IPv4 dotted quad
     * ends the address ({@code ::ffff:192.0.2.1}) when {@code last}. Null if any part is malformed.
     */
    private static int[] groups(String side, boolean last) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        byte[] quad = last && parts[parts.length - 1].indexOf('.') >= 0 ? ipv4(parts[parts.length - 1]) : null;
        int hexParts = quad == null ? parts.length : parts.length - 1;
        int[] groups = new int[quad == null ? hexParts : hexParts + 2];
        for (int i = 0; i < hexParts; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 4 || !parts[i].chars().allMatch(IpLiteral::isHex)) {
                return null;
            }
            groups[i] = Integer.parseInt(parts[i], 16);
        }
        if (quad != null) {
            groups[hexParts] = (quad[0] & 0xff) << 8 | (quad[1] & 0xff);
            groups[hexParts + 1] = (quad[2] & 0xff) << 8 | (quad[3] & 0xff);
        }
        return groups;
    }

    private static void put(byte[] bytes, int[] groups, int firstGroup) {
        for (int i = 0; i < groups.length; i++) {
            bytes[2 * (firstGroup + i)] = (byte) (groups[i] >>> 8);
            bytes[2 * (firstGroup + i) + 1] = (byte) groups[i];
        }
    }

    private static boolean digits(String text, int maxLength) {
        return !text.isEmpty() && text.length() <= maxLength && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
