package org.callsign.net;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The origin of a web page, as the browser's {@code Origin} header names it: scheme, host and
 * port, the port written out even where the URL leaves it to the scheme's default, so that
 * {@code https://calls.example} and {@code https://calls.example:443} are the same origin.
 */
public record WebOrigin(String scheme, String host, int port) {

    /** {@code http://host[:port]} or {@code https://host[:port]}; anything else (a path, "null") is no origin. */
    public static Optional<WebOrigin> parse(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException malformed) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        if (defaultPort < 0 || uri.getHost() == null || uri.getRawUserInfo() != null
                || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        return Optional.of(new WebOrigin(scheme, uri.getHost().toLowerCase(Locale.ROOT),
                uri.getPort() < 0 ? defaultPort : uri.getPort()));
    }

    /**
     * The origin a request for {@code authority} (a Host header: {@code host[:port]}) over
     * {@code scheme} belongs to; a WebSocket's {@code ws}/{@code wss} count as {@code http}/{@code https}.
     */
    public static Optional<WebOrigin> of(String scheme, String authority) {
        String web = switch (scheme.toLowerCase(Locale.ROOT)) {
            case "http", "ws" -> "http";
            case "https", "wss" -> "https";
            default -> null;
        };
        return web == null ? Optional.empty() : parse(web + "://" + authority);
    }
}
