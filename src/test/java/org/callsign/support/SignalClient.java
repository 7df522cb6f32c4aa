package org.callsign.support;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The protocol client over a real WebSocket: sends JSON text, waits for what arrives, and fails
 * showing what did arrive when the expected message does not.
 */
public final class SignalClient implements ProtocolClient {

    public static final Duration WAIT = Duration.ofSeconds(5);
    /** How long a connection that expects nothing listens: a relay on loopback takes milliseconds. */
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final WebSocketContainer CONTAINER = ContainerProvider.getWebSocketContainer();

    private final Inbox inbox = new Inbox();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Session session;
    /** The proxy this client's connection runs through, if the test may cut it; else null. */
    private final TcpProxy line;

    private SignalClient(URI uri, String origin) {
        this(uri, origin, null);
    }

    private SignalClient(URI uri, String origin, TcpProxy line) {
        this.line = line;
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        if (origin != null) {
                            headers.put("Origin", List.of(origin));
                        }
                    }
                }).build();
        try {
            session = CONTAINER.connectToServer(new Endpoint() {
                @Override
                public void onOpen(Session opened, EndpointConfig endpointConfig) {
                    opened.setMaxTextMessageBufferSize(1 << 20);
                    // No client-side idle timeout: Tyrus re-arms it on every send through its
                    // container's scheduler, which it may have shut down after the container's
                    // previous sessions closed (RejectedExecutionException in LimitsIT, twice).
                    opened.setMaxIdleTimeout(0);
                    opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) inbox::add);
                }

                @Override
                public void onClose(Session closing, CloseReason reason) {
                    closed.complete(reason);
                }
            }, config, uri);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to " + uri, e);
        }
    }

    public static SignalClient connect(URI uri) {
        return new SignalClient(uri, null);
    }

    public static SignalClient connect(URI uri, String origin) {
        return new SignalClient(uri, origin);
    }

    /** Connects through a {@link TcpProxy} of its own, so that {@link #loseConnection} works. */
    public static SignalClient connectLosable(URI uri) {
        TcpProxy line = TcpProxy.to(uri);
        return new SignalClient(line.uri(uri), null, line);
    }

    @Override
    public void loseConnection() {
        if (line == null) {
            throw new IllegalStateException("connect with connectLosable to lose the connection");
        }
        line.cutAll();
        awaitClose(WAIT);
    }

    /** Connects and logs in, failing unless the login succeeds. */
    public static SignalClient loggedIn(URI uri, String name) {
        SignalClient client = connect(uri);
        client.logIn(name);
        return client;
    }

    @Override
    public void send(String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void sendBinary(byte[] bytes) {
        try {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public JsonObject awaitType(String type) {
        return inbox.awaitType(type, WAIT);
    }

    @Override
    public void expectNothing() {
        expectNothing(QUIET);
    }

    /** Fails if any message arrives within {@code quiet}. */
    public void expectNothing(Duration quiet) {
        inbox.expectNothing(quiet);
    }

    @Override
    public Closed awaitClose() {
        CloseReason reason = awaitClose(WAIT);
        return new Closed(reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    public CloseReason awaitClose(Duration within) {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            fail("connection not closed within " + within + "; received " + inbox.received());
            return null;
        }
    }

    @Override
    public boolean isOpen() {
        return session.isOpen() && !closed.isDone();
    }

    /** The next message within {@code within}, or null. */
    public JsonObject poll(Duration within) {
        return inbox.poll(within);
    }

    @Override
    public void close() {
        try {
            if (session.isOpen()) {
                session.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (line != null) {
                line.close();
            }
        }
    }
}
