package org.callsign.signal;

import static org.callsign.support.Messages.candidate;
import static org.callsign.support.Messages.leave;
import static org.callsign.support.Messages.login;
import static org.callsign.support.Messages.offer;
import static org.callsign.support.Messages.users;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.callsign.support.DeployedServerIT;
import org.callsign.support.RawWebSocket;
import org.callsign.support.ServerProbe;
import org.callsign.support.SignalClient;
import org.junit.jupiter.api.Test;

/**
 * docs/protocol.md rules 1 (login deadline) and 16-21, against limits configured small in
 * arquillian.xml: login 3 s, ping 1 s, idle 4 s, 16 KiB frames, 100 msg/s with bursts of
 * 200, 200 queued messages, 300 sessions, origin http://allowed.example.
 */
class LimitsIT extends DeployedServerIT {

    private static final int MAX_MESSAGE_BYTES = 16384;
    private static final int BURST = 200;
    private static final int MAX_SESSIONS = 300;

    // Rule 1: the login deadline

    @Test
    void aConnectionThatDoesNotLogInInTimeIsClosedWith1008() {
        try (SignalClient idle = SignalClient.connect(signal())) {
            assertEquals(1008, idle.awaitClose(Duration.ofSeconds(8)).getCloseCode().getCode());
        }
    }

    // Rule 16

    @Test
    void aFrameOverTheLimitClosesWith1009CountingUtf8Bytes() {
        try (SignalClient client = SignalClient.loggedIn(signal(), name("big"))) {
            int overhead = candidate("nobody", "").toString().length();
            String atLimit = candidate("nobody", "x".repeat(MAX_MESSAGE_BYTES - overhead)).toString();
            assertEquals(MAX_MESSAGE_BYTES, atLimit.length());
            client.send(atLimit);
            client.awaitError("not-in-call");

            // 9000 two-byte characters: under the limit in chars, over it in UTF-8 bytes.
            client.send(candidate("nobody", "\u00e9".repeat(9000)));
            assertEquals(1009, client.awaitClose(SignalClient.WAIT).getCloseCode().getCode());
        }
    }

    // Rule 17

    @Test
    void messagesPastTheBurstAreDroppedWithRateLimitedAndTheConnectionRecovers() throws Exception {
        try (SignalClient client = SignalClient.loggedIn(signal(), name("eager"))) {
            for (int i = 0; i < BURST + 100; i++) {
                client.send(leave());
            }
            client.awaitError("rate-limited");
            // The bucket refills with time: a second later the client may speak again.
            Thread.sleep(1000);
            client.send(users("nobody-has-this-prefix"));
            JsonObject reply = client.poll(SignalClient.WAIT);
            while (reply != null && "rate-limited".equals(reply.getString("code", null))) {
                reply = client.poll(SignalClient.WAIT);
            }
            assertNotNull(reply, "no reply after the burst");
            assertEquals("users", reply.getString("type"));
            assertTrue(client.isOpen());
        }
    }

    @Test
    void aClientThatKeepsFloodingIsClosedWith1008() throws Exception {
        ServerProbe server = new ServerProbe(base);
        double floodClosesBefore = server.metric("signal_closes_total", "reason=\"flooding\"");
        try (SignalClient flooder = SignalClient.loggedIn(signal(), name("flood"))) {
            try {
                for (int i = 0; i < 3 * BURST; i++) {
                    flooder.send(leave());
                }
            } catch (RuntimeException closedWhileSending) {
                // The server may close before the loop ends: that is the behaviour under test. The
                // client library reports it as whatever its send path hits (an I/O error, a closed
                // session, or its own executor already shut down).
            }
            // The server sends 1008; when it closes the socket with the flooder's unread frames
            // still in its buffer, TCP resets the connection and the flooder may see 1006 instead.
            int code = flooder.awaitClose(SignalClient.WAIT).getCloseCode().getCode();
            assertTrue(code == 1008 || code == 1006, "close code " + code);
        }
        assertEquals(floodClosesBefore + 1, server.awaitMetric("signal_closes_total", "reason=\"flooding\"",
                floodClosesBefore + 1, SignalClient.WAIT), "the server's own record of why it closed");
    }

    // Rule 18

    @Test
    void aRecipientThatStopsReadingIsClosedWith1008AndItsPeerGetsLeaveWithBoundedHeap() {
        ServerProbe server = new ServerProbe(base);
        long heapBefore = server.heapAfterGcBytes();
        long heapPeak = heapBefore;
        String sender = name("talker");
        String reader = name("sleeper");
        try (SignalClient talker = SignalClient.loggedIn(signal(), sender);
             RawWebSocket sleeper = RawWebSocket.open(signal(), null, 4096)) {
            sleeper.sendText(login(reader).toString());
            assertNotNull(sleeper.read(SignalClient.WAIT));
            talker.send(offer(reader, "v=0"));
            // The sleeper reads nothing from here on, while its peer keeps sending.
            String payload = "c".repeat(MAX_MESSAGE_BYTES - 200);
            boolean peerToldLeave = false;
            // About 80 messages a second, below the rate limit, until the sleeper's queue of
            // 200 overflows and its close reaches the talker as a leave. The sleeper keeps
            // sending, so it is stalled, not idle. Every 40 messages the server's retained heap
            // is sampled: what a stalled reader holds must stay bounded by its queue.
            for (int i = 0; i < 2000 && !peerToldLeave; i++) {
                talker.send(candidate(reader, payload + i));
                if (i % 20 == 19) {
                    sleeper.sendText(users("zzz").toString());
                    peerToldLeave = leaveArrived(talker, reader, Duration.ofMillis(250));
                }
                if (i % 40 == 39 && !peerToldLeave) {
                    heapPeak = Math.max(heapPeak, server.heapAfterGcBytes());
                }
            }
            assertTrue(peerToldLeave || leaveArrived(talker, reader, SignalClient.WAIT),
                    "the talker never heard that the sleeper left");
            // The close frame waits behind everything the sleeper never read; if the server gives
            // up on the socket before the sleeper reaches it, the connection just ends.
            int closed = sleeper.awaitClose(Duration.ofSeconds(10));
            assertTrue(closed == 1008 || closed == RawWebSocket.ENDED_WITHOUT_CLOSE_FRAME, "close: " + closed);
        }
        long growth = heapPeak - heapBefore;
        System.out.printf("slow-reader heap growth after GC: %.1f MB (before %.1f MB, peak %.1f MB)%n",
                growth / 1e6, heapBefore / 1e6, heapPeak / 1e6);
        assertTrue(growth < 50_000_000, "heap grew by " + growth + " bytes");
    }

    /** Whether a leave from {@code from} arrives within {@code within}, skipping other messages. */
    private static boolean leaveArrived(SignalClient client, String from, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        JsonObject next;
        while ((next = client.poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) != null) {
            if ("leave".equals(next.getString("type")) && from.equals(next.getString("name"))) {
                return true;
            }
        }
        return false;
    }

    // Rule 19

    @Test
    void aHandshakeFromAnotherOriginIsRefusedWith403() {
        try (RawWebSocket evil = RawWebSocket.open(signal(), "http://evil.example")) {
            assertEquals(403, evil.status());
        }
    }

    @Test
    void sameOriginAllowedOriginsAndNoOriginAreAccepted() {
        String own = "http://" + signal().getHost() + ":" + signal().getPort();
        for (String origin : new String[] {own, "http://allowed.example", null}) {
            try (RawWebSocket socket = RawWebSocket.open(signal(), origin)) {
                assertEquals(101, socket.status(), () -> "origin " + origin);
            }
        }
    }

    // Rule 20

    @Test
    void theServerPingsAndClosesAConnectionThatNeverAnswers() {
        try (RawWebSocket silent = RawWebSocket.open(signal(), null)) {
            silent.sendText(login(name("mute")).toString());
            boolean pinged = false;
            int closeCode = -1;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (closeCode < 0 && System.nanoTime() < deadline) {
                RawWebSocket.Frame frame = silent.read(Duration.ofSeconds(1));
                if (frame != null && frame.opcode() == RawWebSocket.OPCODE_PING) {
                    pinged = true;
                } else if (frame != null && frame.opcode() == RawWebSocket.OPCODE_CLOSE) {
                    closeCode = frame.closeCode();
                }
            }
            assertTrue(pinged, "no ping arrived");
            assertEquals(1001, closeCode);
        }
    }

    @Test
    void aQuietClientThatAnswersPingsStaysConnected() throws Exception {
        try (SignalClient quiet = SignalClient.loggedIn(signal(), name("calm"))) {
            Thread.sleep(6000);
            assertTrue(quiet.isOpen());
            quiet.send(users(null));
            quiet.awaitType("users");
        }
    }

    // Rule 21

    @Test
    void pastMaxSessionsANewConnectionIsAcceptedAndClosedWith1013() {
        List<RawWebSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_SESSIONS + 10; i++) {
                RawWebSocket socket = RawWebSocket.open(signal(), null);
                assertEquals(101, socket.status());
                sockets.add(socket);
            }
            // The newest connections are the ones past the cap: count refusals from the end.
            int refused = 0;
            for (int i = sockets.size() - 1; i >= 0; i--) {
                RawWebSocket.Frame frame = sockets.get(i).read(Duration.ofSeconds(1));
                if (frame == null || frame.opcode() != RawWebSocket.OPCODE_CLOSE) {
                    break;
                }
                assertEquals(1013, frame.closeCode());
                refused++;
            }
            assertTrue(refused >= 5, "refused " + refused);
        } finally {
            sockets.forEach(RawWebSocket::close);
        }
    }
}
