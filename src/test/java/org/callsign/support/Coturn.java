package org.callsign.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn on loopback with the TURN REST API secret the deployed server signs
 * credentials with (arquillian.xml: signal.ice.turn-secret and signal.ice.turn-urls).
 */
public final class Coturn implements AutoCloseable {

    /** arquillian.xml's {@code -Dsignal.ice.turn-secret}. */
    static final String SECRET = "it-secret";
    private static final int RELAY_PORTS = 200;
    private static final Duration STARTUP = Duration.ofSeconds(10);

    private final Process process;
    private final Path log;

    private Coturn(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The port arquillian.xml's STUN and TURN URLs name: the build reserves a free one. */
    public static int port() {
        return Integer.getInteger("it.turn.port", 13478);
    }

    /** Starts coturn on {@link #port()} and waits until it answers STUN. */
    public static Coturn start() {
        Path turnserver = RequiredTool.require("/usr/bin/turnserver", "coturn");
        int port = port();
        // Relay ports at random, so two builds on one machine do not fight over them.
        int minPort = ThreadLocalRandom.current().nextInt(40_000, 60_000);
        File target = new File(System.getProperty("java.io.tmpdir"));
        Path log = new File(target, "coturn-" + port + ".log").toPath();
        List<String> command = List.of(turnserver.toString(), "-n",
                "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", "--listening-port=" + port,
                "--min-port=" + minPort, "--max-port=" + (minPort + RELAY_PORTS),
                "--use-auth-secret", "--static-auth-secret=" + SECRET, "--realm=callsign.test",
                "--no-tls", "--no-dtls", "--no-cli", "--fingerprint",
                // The only peers on a test machine are on loopback, which coturn refuses by default.
                "--allow-loopback-peers",
                "--pidfile=" + new File(target, "coturn-" + port + ".pid"), "--log-file=stdout", "--simple-log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            Coturn coturn = new Coturn(process, log);
            coturn.awaitStun(port);
            return coturn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends STUN binding requests until one is answered: then coturn is listening. */
    private void awaitStun(int port) throws IOException {
        byte[] transaction = new byte[12];
        ThreadLocalRandom.current().nextBytes(transaction);
        byte[] request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0)
                .putInt(0x2112A442).put(transaction).array();
        Instant deadline = Instant.now().plus(STARTUP);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(200);
            while (Instant.now().isBefore(deadline) && process.isAlive()) {
                socket.send(new DatagramPacket(request, request.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket reply = new DatagramPacket(new byte[512], 512);
                try {
                    socket.receive(reply);
                    if (Arrays.equals(Arrays.copyOfRange(reply.getData(), 8, 20), transaction)) {
                        return;
                    }
                } catch (SocketTimeoutException notYet) {
                    // coturn is still starting: ask again.
                }
            }
        }
        close();
        throw new IllegalStateException("coturn did not answer STUN on 127.0.0.1:" + port + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
