package org.callsign.signal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;

/**
 * Lets {@link OriginCheck} see the handshake's Host header, which the WebSocket API does not
 * pass to {@code checkOrigin}: the container upgrades the request further down this filter's
 * chain, on the same thread.
 */
@WebFilter("/signal")
public class SameOrigin extends HttpFilter {

    private static final ThreadLocal<String> HOST = new ThreadLocal<>();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HOST.set(request.getHeader("Host"));
        try {
            chain.doFilter(request, response);
        } finally {
            HOST.remove();
        }
    }

    /** Whether {@code origin} names the host and port the handshake was sent to. */
    static boolean matches(String origin) {
        String host = HOST.get();
        if (host == null) {
            return false;
        }
        try {
            String authority = URI.create(origin).getAuthority();
            return host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
    }
}
