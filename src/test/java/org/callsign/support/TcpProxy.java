package org.callsign.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on loopback that passes bytes through to a server, which a test can cut and
 * point elsewhere: cut connections end without a WebSocket close frame on both sides, as when
 * a phone changes network or a proxy drops them (docs/protocol.md rule 12: lost, not closed);
 * pointed at another server, it is the load balancer in front of a cluster during a rolling restart.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket listening;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile InetSocketAddress server;

    private TcpProxy(InetSocketAddress server) throws IOException {
        this.server = server;
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::acceptAll, "tcp-proxy-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** A proxy to {@code target}'s host and port. */
    public static TcpProxy to(URI target) {
        try {
            return new TcpProxy(new InetSocketAddress(target.getHost(), target.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code target} with this proxy as host and port. */
    public URI uri(URI target) {
        return URI.create(target.getScheme() + "://127.0.0.1:" + listening.getLocalPort() + target.getRawPath());
    }

    /** New connections go to {@code target}'s host and port from now on; open ones stay where they are. */
    public void pointAt(URI target) {
        server = new InetSocketAddress(target.getHost(), target.getPort());
    }

    /** Ends every open connection at once, with no close frame: each side reads end of stream. */
    public void cutAll() {
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        closeQuietly(listening);
        cutAll();
    }

    private void acceptAll() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket upstream = new Socket(server.getAddress(), server.getPort());
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException closedOrRefused) {
                // Closed: the loop ends. Refused by the server: that client sees its connection end.
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread pumping = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                }
            } catch (IOException cut) {
                // Cut, or one side went away: the other side must see it end too.
            }
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }, "tcp-proxy-pump");
        pumping.setDaemon(true);
        pumping.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception alreadyClosed) {
            // Closing twice is fine.
        }
    }
}
