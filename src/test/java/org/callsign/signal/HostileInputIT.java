package org.callsign.signal;

import static org.callsign.support.Messages.answer;
import static org.callsign.support.Messages.candidate;
import static org.callsign.support.Messages.leave;
import static org.callsign.support.Messages.login;
import static org.callsign.support.Messages.offer;
import static org.callsign.support.Messages.users;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.callsign.support.DeployedServerIT;
import org.callsign.support.RawWebSocket;
import org.callsign.support.SignalClient;
import org.junit.jupiter.api.Test;

/**
 * Input no honest client sends: binary frames, text that is not UTF-8, JSON nested past any
 * sense, connections that never finish their handshake, and a crowd of abusive clients
 * running while healthy people make calls. Limits as in arquillian.xml (16 KiB frames).
 */
class HostileInputIT extends DeployedServerIT {

    private static final int MAX_MESSAGE_BYTES = 16384;
    private static final int HEALTHY_PAIRS = 50;
    private static final int CANDIDATES_EACH_WAY = 20;
    private static final int MAX_SESSIONS_PER_ADDRESS = 150;
    /** The "many sockets" abusers' own address; healthy clients and other abusers connect from 127.0.0.1. */
    private static final String CROWDING_ADDRESS = "127.0.0.2";

    @Test
    void aBinaryFrameGetsMalformedAndTheConnectionStaysOpen() {
        String self = name("bin");
        try (SignalClient client = SignalClient.loggedIn(signal(), self)) {
            client.sendBinary("{\"type\":\"users\"}".getBytes(StandardCharsets.UTF_8));
            assertTrue(client.awaitError("malformed").getString("message").contains("binary"));
            client.send(users(self));
            assertEquals(1, client.awaitType("users").getInt("total"));
        }
    }

    @Test
    void aBinaryFrameOverTheLimitClosesWith1009() {
        try (SignalClient client = SignalClient.loggedIn(signal(), name("blob"))) {
            client.sendBinary(new byte[MAX_MESSAGE_BYTES + 1]);
            assertEquals(1009, client.awaitClose(SignalClient.WAIT).getCloseCode().getCode());
        }
    }

    @Test
    void aTextFrameThatIsNotUtf8IsClosedWith1007AndFreesTheName() {
        String self = name("mojibake");
        try (RawWebSocket raw = RawWebSocket.open(signal(), null)) {
            raw.sendText(login(self).toString());
            assertTrue(raw.read(SignalClient.WAIT).text().contains("\"success\":true"));
            raw.send(RawWebSocket.OPCODE_TEXT, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
            assertEquals(1007, raw.awaitClose(SignalClient.WAIT));
        }
        try (SignalClient again = SignalClient.loggedIn(signal(), self)) {
            assertTrue(again.isOpen());
        }
    }

    @Test
    void jsonNestedThousandsDeepInsideAPayloadIsMalformedNotAServerFailure() {
        String self = name("deep");
        String deep = "[".repeat(8000) + "]".repeat(8000);
        try (SignalClient client = SignalClient.loggedIn(signal(), self)) {
            client.send("{\"type\":\"offer\",\"name\":\"x\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0\",\"x\":" + deep + "}}");
            assertTrue(client.awaitError("malformed").getString("message").length() < 200, "a sentence, not a trace");
            client.send(users(self));
            assertEquals(1, client.awaitType("users").getInt("total"));
        }
    }

    @Test
    void handshakesThatNeverFinishDoNotStopOthersFromCalling() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /signal HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                stalled.add(socket);
            }
            healthyCall(name("through"), name("stall"));
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /**
     * Twenty abusive clients (flooding, oversized frames, garbage, connections that never read,
     * never speak, or read a frame now and then under large messages, sockets piled up from one
     * address) keep at it while fifty pairs of healthy clients make complete calls.
     */
    @Test
    void fiftyHealthyCallsCompleteInOrderWhileTwentyClientsAbuseTheServer() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, AtomicInteger> abuseRounds = new ConcurrentHashMap<>();
        Map<String, Throwable> abuseFailures = new ConcurrentHashMap<>();
        ExecutorService abusers = Executors.newFixedThreadPool(20);
        Map<String, Runnable> kinds = Map.of("flood", this::flood, "oversize", this::oversize,
                "garbage", this::garbage, "never-read", this::neverRead, "never-speak", this::neverSpeak,
                "many-sockets", this::manySockets, "slow-drip", this::slowDrip);
        List<String> kindNames = List.copyOf(kinds.keySet());
        for (int i = 0; i < 20; i++) {
            String kind = kindNames.get(i % kindNames.size());
            Runnable abuse = kinds.get(kind);
            AtomicInteger rounds = abuseRounds.computeIfAbsent(kind, k -> new AtomicInteger());
            abusers.submit(() -> {
                // Each abuser comes back a moment after the server throws it out: sustained abuse,
                // not a CPU denial of service from the same two cores the server runs on.
                while (!stop.get()) {
                    try {
                        abuse.run();
                        rounds.incrementAndGet();
                    } catch (RuntimeException | AssertionError thrownOut) {
                        // An abuser may be cut off anywhere; the first such failure explains a kind that never finished.
                        abuseFailures.putIfAbsent(kind, thrownOut);
                    }
                    pause(Duration.ofMillis(100));
                }
            });
        }
        ExecutorService healthy = Executors.newFixedThreadPool(HEALTHY_PAIRS);
        try {
            awaitEveryKindOfAbuse(abuseRounds, abuseFailures);
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < HEALTHY_PAIRS; i++) {
                String caller = name("good-caller");
                String callee = name("good-callee");
                calls.add(healthy.submit(() -> {
                    healthyCall(caller, callee);
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(90, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            healthy.shutdownNow();
            abusers.shutdown();
            assertTrue(abusers.awaitTermination(30, TimeUnit.SECONDS), "an abuser is stuck");
        }
        System.out.println("abuse rounds while " + HEALTHY_PAIRS + " healthy calls ran: " + abuseRounds);
    }

    /** Returns once every kind of abuser has completed a round, so the healthy calls start under abuse. */
    private static void awaitEveryKindOfAbuse(Map<String, AtomicInteger> rounds, Map<String, Throwable> failures)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        for (Map.Entry<String, AtomicInteger> kind : rounds.entrySet()) {
            while (kind.getValue().get() == 0) {
                assertTrue(System.nanoTime() < deadline,
                        () -> kind.getKey() + " never completed a round: " + failures.get(kind.getKey()));
                Thread.sleep(20);
            }
        }
    }

    /** A full call: offer, answer, candidates both ways in order, hang-up seen by the peer. */
    private void healthyCall(String callerName, String calleeName) {
        try (SignalClient caller = SignalClient.loggedIn(signal(), callerName);
             SignalClient callee = SignalClient.loggedIn(signal(), calleeName)) {
            caller.send(offer(calleeName, "v=0 from " + callerName));
            assertEquals(callerName, callee.awaitType("offer").getString("name"));
            callee.send(answer(callerName, "v=0 from " + calleeName));
            assertEquals(calleeName, caller.awaitType("answer").getString("name"));
            for (int i = 0; i < CANDIDATES_EACH_WAY; i++) {
                caller.send(candidate(calleeName, "a" + i));
                callee.send(candidate(callerName, "b" + i));
            }
            for (int i = 0; i < CANDIDATES_EACH_WAY; i++) {
                assertEquals("a" + i, candidateText(callee.awaitType("candidate")));
                assertEquals("b" + i, candidateText(caller.awaitType("candidate")));
            }
            caller.send(leave());
            assertEquals(callerName, callee.awaitType("leave").getString("name"));
        }
    }

    private static String candidateText(JsonObject relayed) {
        return relayed.getJsonObject("candidate").getString("candidate");
    }

    /** Sends about 1000 messages a second, ten times the rate limit, until the server closes the connection. */
    private void flood() {
        try (SignalClient flooder = SignalClient.loggedIn(signal(), name("abuse-flood"))) {
            long giveUp = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (flooder.isOpen() && System.nanoTime() < giveUp) {
                for (int i = 0; i < 10; i++) {
                    flooder.send(leave());
                }
                pause(Duration.ofMillis(10));
            }
            flooder.awaitClose(SignalClient.WAIT);
        } catch (RuntimeException closedWhileSending) {
            // The server closed the flooder mid-send: what flooding earns.
        }
    }

    /** A frame over the limit, which closes the connection with 1009. */
    private void oversize() {
        try (RawWebSocket raw = RawWebSocket.open(signal(), null)) {
            raw.sendText("{\"type\":\"users\",\"prefix\":\"" + "x".repeat(MAX_MESSAGE_BYTES) + "\"}");
            raw.awaitClose(SignalClient.WAIT);
        }
    }

    /** Not JSON, unknown types, binary, bad UTF-8 (which ends the connection). */
    private void garbage() {
        try (RawWebSocket raw = RawWebSocket.open(signal(), null)) {
            raw.sendText(login(name("abuse-garbage")).toString());
            for (int i = 0; i < 50; i++) {
                raw.sendText("{\"type\":\"nonsense\"}");
                raw.sendText("{{{{");
                raw.send(RawWebSocket.OPCODE_BINARY, new byte[] {1, 2, 3});
            }
            raw.send(RawWebSocket.OPCODE_TEXT, new byte[] {(byte) 0xFF, (byte) 0xFE});
            raw.awaitClose(SignalClient.WAIT);
        }
    }

    /** Logs in and asks for the user list over and over, never reading a reply, then drops the socket. */
    private void neverRead() {
        try (RawWebSocket raw = RawWebSocket.open(signal(), null, 4096)) {
            raw.sendText(login(name("abuse-deaf")).toString());
            for (int i = 0; i < 150; i++) {
                raw.sendText(users(null).toString());
            }
            pause(Duration.ofSeconds(1));
        }
    }

    /**
     * Opens sockets from one address until the server stops admitting them (its per-address cap,
     * which the abusers of this kind share), then drops them all. The bounds only end a round in
     * which a slowed-down server closes early sockets for not logging in before the cap is reached.
     */
    private void manySockets() {
        List<RawWebSocket> held = new ArrayList<>();
        long giveUp = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        try {
            while (held.size() <= 2 * MAX_SESSIONS_PER_ADDRESS && System.nanoTime() < giveUp) {
                RawWebSocket socket = RawWebSocket.openFrom(CROWDING_ADDRESS, signal(), null);
                held.add(socket);
                socket.sendText(users(null).toString());
                RawWebSocket.Frame reply = socket.read(SignalClient.WAIT);
                if (reply == null || reply.opcode() == RawWebSocket.OPCODE_CLOSE) {
                    return;
                }
            }
        } finally {
            held.forEach(RawWebSocket::close);
        }
    }

    /**
     * A reader that takes one frame now and then while its peer sends it 16 KB messages, until its
     * queue passes its byte cap and the server closes it (rule 18); the peer hears leave. It speaks
     * as often as it reads, so that it is slow, not idle. The sockets' buffers take the first 3 MB
     * or so (see LimitsIT), so a round lasts a few seconds.
     */
    private void slowDrip() {
        String readerName = name("abuse-drip");
        String talkerName = name("abuse-drip-talker");
        try (SignalClient talker = SignalClient.loggedIn(signal(), talkerName);
             RawWebSocket reader = RawWebSocket.open(signal(), null, 4096)) {
            reader.sendText(login(readerName).toString());
            reader.read(SignalClient.WAIT);
            talker.send(offer(readerName, "v=0"));
            // Answered, so that the call outlives the ring timeout (rule 27) however long the round.
            reader.read(SignalClient.WAIT);
            reader.sendText(answer(talkerName, "v=0").toString());
            String payload = "d".repeat(MAX_MESSAGE_BYTES - 200);
            boolean left = false;
            for (int i = 0; i < 600 && !left; i++) {
                talker.send(candidate(readerName, payload));
                if (i % 10 == 9) {
                    reader.read(Duration.ofMillis(50));
                    reader.sendText(users("zzz").toString());
                    JsonObject heard;
                    while (!left && (heard = talker.poll(Duration.ofMillis(1))) != null) {
                        left = "leave".equals(heard.getString("type"));
                    }
                }
                pause(Duration.ofMillis(12));
            }
            reader.awaitClose(SignalClient.WAIT);
        }
    }

    /** Connects, holds a session slot and says nothing, not even a pong, then drops the socket without a close frame. */
    private void neverSpeak() {
        try (RawWebSocket raw = RawWebSocket.open(signal(), null)) {
            pause(Duration.ofSeconds(1));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
