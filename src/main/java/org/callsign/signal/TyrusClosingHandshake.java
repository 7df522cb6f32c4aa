package org.callsign.signal;

import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.tyrus.core.ProtocolHandler;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;
import org.glassfish.tyrus.spi.WriterInfo;

/**
 * Lets the close frame of a connection the server closes reach the client (docs/protocol.md rule
 * 31), by finishing the RFC 6455 closing handshake: after sending its close frame the server keeps
 * reading, and drops the TCP connection only once the client's close frame arrives, or after
 * {@link #WAIT_SECONDS} seconds.
 *
 * <p>Tyrus 2.1.5 closes the transport as soon as it has queued the close frame
 * ({@code ProtocolHandler.close} calls {@code TyrusWebSocket.onClose}, which calls
 * {@code ProtocolHandler.doClose}, which closes the {@code Writer}: the servlet container's
 * {@code WebConnection}). When the client still has frames in flight, the kernel answers that
 * close with a reset (Linux's {@code tcp_close} resets a socket closed with unread data), and the
 * reset can throw away what the client had not read yet, the close frame included. Measured with
 * this class disabled (LimitsIT, Linux loopback): a slow reader that read again at once, or after
 * 3 s, saw the connection end without any close frame, every time; flooders got their 1008 in the
 * shapes tried. With it, all of them read 1008. So the server's own closes go through a
 * {@link Writer} that postpones the first close; Tyrus keeps reading meanwhile (it drops frames for
 * a closed session), and when the client's close frame comes Tyrus closes the writer again, which
 * closes the transport. A slow reader's close frame waits in the container's write queue behind
 * what it had not read; if the client reads again within the wait it gets it.
 *
 * <p>Only closes the server starts get this (SessionOutbox arms it, except while the server stops):
 * a client's close is answered and closed at once, as before. On any other container, or a Tyrus
 * whose fields differ, this does nothing.
 */
final class TyrusClosingHandshake {

    static final int WAIT_SECONDS = 5;

    private static final Logger LOG = Logger.getLogger(TyrusClosingHandshake.class.getName());
    private static final Field SOCKET = TyrusFields.find("org.glassfish.tyrus.core.TyrusRemoteEndpoint", "webSocket");
    private static final Field PROTOCOL = TyrusFields.find("org.glassfish.tyrus.core.TyrusWebSocket", "protocolHandler");
    private static final Field WRITER = TyrusFields.find("org.glassfish.tyrus.core.ProtocolHandler", "writer");
    private static final Executor LATER = CompletableFuture.delayedExecutor(WAIT_SECONDS, TimeUnit.SECONDS);

    private TyrusClosingHandshake() {
    }

    /** Call just before the server closes {@code session}: its TCP connection then ends as above. */
    static void arm(Session session) {
        if (SOCKET == null || PROTOCOL == null || WRITER == null || !session.isOpen()) {
            return;
        }
        try {
            Object remote = session.getAsyncRemote();
            if (!SOCKET.getDeclaringClass().isInstance(remote)) {
                return;
            }
            ProtocolHandler protocol = (ProtocolHandler) PROTOCOL.get(SOCKET.get(remote));
            Writer transport = (Writer) WRITER.get(protocol);
            if (transport != null && !(transport instanceof Lingering)) {
                protocol.setWriter(new Lingering(transport, session.getId()));
            }
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "cannot wait for the client's close frame on this Tyrus", e);
        }
    }

    /** Writes through; closes the transport at the second close (the client's close frame) or after the wait. */
    private static final class Lingering extends Writer {

        private static final int OPEN = 0;
        private static final int WAITING = 1;
        private static final int CLOSED = 2;

        private final Writer transport;
        private final String connection;
        private final AtomicInteger state = new AtomicInteger(OPEN);

        Lingering(Writer transport, String connection) {
            this.transport = transport;
            this.connection = connection;
        }

        @Override
        public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
            transport.write(buffer, completionHandler);
        }

        @Override
        public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler, WriterInfo writerInfo) {
            transport.write(buffer, completionHandler, writerInfo);
        }

        @Override
        public void close() {
            if (state.compareAndSet(OPEN, WAITING)) {
                LATER.execute(this::closeTransport);
            } else {
                closeTransport();
            }
        }

        private void closeTransport() {
            if (state.getAndSet(CLOSED) == CLOSED) {
                return;
            }
            try {
                transport.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "closing connection " + connection + " failed", e);
            }
        }
    }
}
