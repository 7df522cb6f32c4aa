package org.callsign.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * A WebSocket client written out by hand, for what a well-behaved client library will not
 * do: stop reading, never answer a ping, send a chosen Origin or other headers and see the HTTP
 * status, connect from a chosen local address.
 * A {@code wss://} address is reached over TLS, trusting the server's self-signed certificate.
 */
public final class RawWebSocket implements AutoCloseable {

    public static final int OPCODE_TEXT = 0x1;
    public static final int OPCODE_BINARY = 0x2;
    public static final int OPCODE_CLOSE = 0x8;
    public static final int OPCODE_PING = 0x9;
    public static final int OPCODE_PONG = 0xA;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int status;

    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private RawWebSocket(URI uri, String origin, int receiveBufferBytes, String localAddress, List<String> headers)
            throws IOException {
        socket = "wss".equals(uri.getScheme()) ? TrustingTls.socketFactory().createSocket() : new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(localAddress, 0));
        }
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        String request = "GET " + uri.getPath() + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + headers.stream().map(header -> header + "\r\n").collect(Collectors.joining()) + "\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String statusLine = readHeaders(in).split("\r\n", 2)[0];
        status = Integer.parseInt(statusLine.split(" ")[1]);
    }

    public static RawWebSocket open(URI uri, String origin) {
        return open(uri, origin, 0);
    }

    /** Opens with a small receive buffer, so that not reading backs up to the server soon. */
    public static RawWebSocket open(URI uri, String origin, int receiveBufferBytes) {
        try {
            return new RawWebSocket(uri, origin, receiveBufferBytes, null, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens from {@code localAddress}: on loopback any of 127.0.0.0/8, so one machine can play
     * clients at many addresses. {@code headers} ("Name: value") are added to the handshake.
     */
    public static RawWebSocket openFrom(String localAddress, URI uri, String origin, String... headers) {
        try {
            return new RawWebSocket(uri, origin, 0, localAddress, List.of(headers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The handshake's HTTP status: 101 when upgraded. */
    public int status() {
        return status;
    }

    public void sendText(String text) {
        send(OPCODE_TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one final, masked frame: any opcode, any bytes, even a text frame that is not UTF-8. */
    public void send(int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        try {
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@link #awaitClose} returns when the server ended the connection without a close frame. */
    public static final int ENDED_WITHOUT_CLOSE_FRAME = 0;
    /** What {@link #awaitClose} returns when nothing ended the connection in time. */
    public static final int STILL_OPEN = -1;

    /** The next frame within {@code timeout}; null on timeout or when the connection ended. */
    public Frame read(Duration timeout) {
        try {
            return readFrame(timeout);
        } catch (IOException e) {
            return null;
        }
    }

    private Frame readFrame(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /**
     * Reads, skipping data and pings, until the server closes: the close frame's code,
     * {@link #ENDED_WITHOUT_CLOSE_FRAME} if the connection just ended, or {@link #STILL_OPEN}.
     */
    public int awaitClose(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Frame frame;
            try {
                frame = readFrame(Duration.ofNanos(deadline - System.nanoTime()));
            } catch (SocketTimeoutException e) {
                return STILL_OPEN;
            } catch (IOException e) {
                return ENDED_WITHOUT_CLOSE_FRAME;
            }
            if (frame.opcode() == OPCODE_CLOSE) {
                return frame.closeCode();
            }
        }
        return STILL_OPEN;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            headers.write(next);
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }
}
