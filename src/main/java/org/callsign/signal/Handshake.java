package org.callsign.signal;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import org.callsign.net.IpLiteral;
import org.callsign.net.TrustedProxies;
import org.callsign.net.WebOrigin;

/**
 * What the HTTP request that opens a WebSocket says about who sent it and where to: the TCP
 * peer, whether it came over TLS, its Host header, and the {@code X-Forwarded-*} headers, which
 * count only when the peer is a trusted proxy.
 *
 * @param peer           the TCP peer's address as the container reports it (a literal)
 * @param secure         whether the request came over TLS (wss), so its own scheme is https
 * @param host           the Host header, or null
 * @param forwardedFor   every X-Forwarded-For item, left to right, across repeated headers
 * @param forwardedProto the first X-Forwarded-Proto item, or null
 * @param forwardedHost  the first X-Forwarded-Host item, or null
 */
record Handshake(String peer, boolean secure, String host, List<String> forwardedFor, String forwardedProto,
        String forwardedHost) {

    Handshake {
        forwardedFor = List.copyOf(forwardedFor);
    }

    /**
     * From the raw header values. A chain of proxies may write several X-Forwarded-Proto or -Host
     * values; the first is the outermost proxy's, the one the browser talked to.
     */
    static Handshake of(String peer, boolean secure, String host, List<String> forwardedFor, String forwardedProto,
            String forwardedHost) {
        List<String> hops = forwardedFor.stream()
                .flatMap(value -> Arrays.stream(value.split(",", -1)))
                .map(String::trim)
                .toList();
        return new Handshake(peer, secure, host, hops, first(forwardedProto), first(forwardedHost));
    }

    /** Whose connection this is, for the per-address limit (docs/protocol.md rule 30). */
    InetAddress client(TrustedProxies proxies) {
        return proxies.clientOf(peerAddress(), forwardedFor);
    }

    /**
     * Whether {@code origin} is the origin this request was sent to: same scheme, host and port
     * (docs/protocol.md rule 19). Behind a trusted proxy, that is the proxy's public origin, from
     * X-Forwarded-Proto and X-Forwarded-Host where the proxy sets them.
     */
    boolean isOwnOrigin(String origin, TrustedProxies proxies) {
        boolean proxied = proxies.trusts(peerAddress());
        String scheme = proxied && forwardedProto != null ? forwardedProto : (secure ? "https" : "http");
        String authority = proxied && forwardedHost != null ? forwardedHost : host;
        if (authority == null) {
            return false;
        }
        var own = WebOrigin.of(scheme, authority);
        return own.isPresent() && own.equals(WebOrigin.parse(origin));
    }

    /** The peer without an IPv6 zone ({@code fe80::1%eth0}), which is no part of who the client is. */
    private InetAddress peerAddress() {
        int zone = peer.indexOf('%');
        String address = zone < 0 ? peer : peer.substring(0, zone);
        return IpLiteral.parse(address)
                .orElseThrow(() -> new IllegalStateException("the container reported the peer \"" + peer + "\""));
    }

    private static String first(String value) {
        if (value == null) {
            return null;
        }
        String item = value.split(",", 2)[0].trim();
        return item.isEmpty() ? null : item;
    }
}
