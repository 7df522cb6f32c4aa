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

/**
 * One TCP connection passed through to a server, byte for byte, that the test can cut: both
 * sides then see the connection end without a WebSocket close frame, as when a phone changes
 * network or a proxy drops it (docs/protocol.md rule 12: the connection is lost, not closed).
 */
public final class CuttableLine implements AutoCloseable {

    private final ServerSocket listening;
    private final InetSocketAddress server;
    private volatile Socket toClient;
    private volatile Socket toServer;

    private CuttableLine(InetSocketAddress server) throws IOException {
        this.server = server;
        this.listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "cuttable-line-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** A line to {@code target}'s host and port; connect to {@link #uri} instead. */
    public static CuttableLine to(URI target) {
        try {
            return new CuttableLine(new InetSocketAddress(target.getHost(), target.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code target} with this line's local end as host and port. */
    public URI uri(URI target) {
        return URI.create(target.getScheme() + "://127.0.0.1:" + listening.getLocalPort() + target.getRawPath());
    }

    /** Ends both sides at once, with no close frame: each reads end of stream. */
    public void cut() {
        closeQuietly(toServer);
        closeQuietly(toClient);
        closeQuietly(listening);
    }

    @Override
    public void close() {
        cut();
    }

    private void accept() {
        try {
            toClient = listening.accept();
            listening.close();
            toServer = new Socket(server.getAddress(), server.getPort());
            pump(toClient, toServer, "cuttable-line-up");
            pump(toServer, toClient, "cuttable-line-down");
        } catch (IOException cutBeforeConnecting) {
            cut();
        }
    }

    private void pump(Socket from, Socket to, String name) {
        Thread pumping = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    out.write(buffer, 0, read);
                }
            } catch (IOException cut) {
                // The line was cut, or one side went away: the other side must see it end too.
            }
            cut();
        }, name);
        pumping.setDaemon(true);
        pumping.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception alreadyClosed) {
            // Cutting twice is fine.
        }
    }
}
