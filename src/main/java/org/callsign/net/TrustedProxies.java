package org.callsign.net;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * The reverse proxies whose {@code X-Forwarded-*} headers are believed ({@code signal.trusted-proxies}),
 * and what follows from them: which address a connection comes from (docs/protocol.md rule 30).
 * A header from any other peer is ignored, since whoever connects directly can write anything in it.
 */
public record TrustedProxies(List<AddressRange> ranges) {

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    public TrustedProxies {
        ranges = List.copyOf(ranges);
    }

    /** The configured items, each an address or CIDR range; a malformed one is refused with its text. */
    public static TrustedProxies parse(List<String> items) {
        return new TrustedProxies(items.stream().map(AddressRange::parse).toList());
    }

    public boolean trusts(InetAddress peer) {
        return ranges.stream().anyMatch(range -> range.contains(peer));
    }

    /**
     * The client's address: the TCP peer's, or, when the peer is a trusted proxy, the right-most
     * address of {@code forwardedFor} (the X-Forwarded-For list, left to right) that is not itself
     * a trusted proxy, or the left-most when all are. Each proxy appends the address it was
     * reached from, so everything right of the client's entry was written by trusted proxies and
     * everything left of it by the client. An entry that is not an IP address where a trusted
     * proxy should have written one ends the walk at the proxy that passed it on.
     */
    public InetAddress clientOf(InetAddress peer, List<String> forwardedFor) {
        if (!trusts(peer)) {
            return peer;
        }
        InetAddress nearest = peer;
        for (int i = forwardedFor.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = IpLiteral.parseForwarded(forwardedFor.get(i).trim());
            if (hop.isEmpty()) {
                return nearest;
            }
            nearest = hop.get();
            if (!trusts(nearest)) {
                return nearest;
            }
        }
        return nearest;
    }
}
