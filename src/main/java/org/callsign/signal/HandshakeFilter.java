package org.callsign.signal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Optional;

/**
 * Lets {@link SignalConfigurator} see the handshake's TCP peer and headers, which the WebSocket
 * API does not pass to {@code checkOrigin} and {@code modifyHandshake}: the container runs both
 * further down this filter's chain, on the same thread (Tyrus's servlet upgrade does). A
 * container that upgrades before servlet filters run (GlassFish 7) leaves it empty.
 */
@WebFilter("/signal")
public class HandshakeFilter extends HttpFilter {

    private static final ThreadLocal<Handshake> CURRENT = new ThreadLocal<>();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CURRENT.set(Handshake.of(request.getRemoteAddr(), request.isSecure(), request.getHeader("Host"),
                Collections.list(request.getHeaders("X-Forwarded-For")), request.getHeader("X-Forwarded-Proto"),
                request.getHeader("X-Forwarded-Host")));
        try {
            chain.doFilter(request, response);
        } finally {
            CURRENT.remove();
        }
    }

    /** The handshake this thread is handling, if this filter saw it. */
    static Optional<Handshake> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
