package org.callsign.support;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Raw connections a test keeps open for as long as it runs, however slowly it fills them: an
 * unsolicited pong every half second keeps each from being closed as idle (rule 20). Closing
 * waits until the server has let go of them too, so that the next test on the same server
 * starts with the connections it started with (the server counts a close a moment after it).
 */
public final class HeldSockets implements AutoCloseable {

    private static final byte[] NOTHING = new byte[0];
    private static final String OPEN = "signal_connections_open";

    private final List<RawWebSocket> sockets = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor();
    private final ServerProbe server;
    private final double openBefore;

    public HeldSockets(ServerProbe server) {
        this.server = server;
        this.openBefore = server.metric(OPEN, null);
        heartbeat.scheduleWithFixedDelay(this::beat, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Keeps {@code socket} alive from now on; the caller sends nothing more on it. */
    public void add(RawWebSocket socket) {
        sockets.add(socket);
    }

    /** Stops keeping the oldest socket and closes it. */
    public void closeOldest() {
        sockets.remove(0).close();
    }

    private void beat() {
        for (RawWebSocket socket : sockets) {
            try {
                socket.send(RawWebSocket.OPCODE_PONG, NOTHING);
            } catch (UncheckedIOException closedByServer) {
                // The test finds out when it looks; the others still need their pong.
            }
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        sockets.forEach(RawWebSocket::close);
        try {
            server.awaitMetric(OPEN, null, openBefore, SignalClient.WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
