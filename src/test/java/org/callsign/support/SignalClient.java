package org.callsign.support;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
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
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw protocol client for tests: sends JSON text, waits for what arrives, and fails showing
 * what did arrive when the expected message does not.
 */
public final class SignalClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(5);
    private static final WebSocketContainer CONTAINER = ContainerProvider.getWebSocketContainer();

    private final BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final List<JsonObject> seen = new ArrayList<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final Session session;

    private SignalClient(URI uri, String origin) {
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
                    opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) text ->
                            inbox.add(Json.createReader(new StringReader(text)).readObject()));
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

    /** Connects and logs in, failing unless the login succeeds. */
    public static SignalClient loggedIn(URI uri, String name) {
        SignalClient client = connect(uri);
        client.send(Json.createObjectBuilder().add("type", "login").add("name", name).build());
        JsonObject reply = client.awaitType("login");
        if (!reply.getBoolean("success", false)) {
            fail("login as " + name + " refused: " + reply);
        }
        return client;
    }

    public void send(JsonObject message) {
        send(message.toString());
    }

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

    /** The next message, which must be of {@code type}. */
    public JsonObject awaitType(String type) {
        JsonObject next = next(WAIT);
        if (next == null) {
            fail("expected '" + type + "' within " + WAIT.toSeconds() + " s; nothing arrived; earlier: " + seen);
        }
        if (!type.equals(next.getString("type", null))) {
            fail("expected '" + type + "' but got " + next + "; earlier: " + seen);
        }
        return next;
    }

    /** The next message, which must be an error with {@code code}. */
    public JsonObject awaitError(String code) {
        JsonObject error = awaitType("error");
        if (!code.equals(error.getString("code", null))) {
            fail("expected error '" + code + "' but got " + error);
        }
        return error;
    }

    /** Fails if any message arrives within {@code quiet}. */
    public void expectNothing(Duration quiet) {
        JsonObject next = next(quiet);
        if (next != null) {
            fail("expected nothing but got " + next);
        }
    }

    public CloseReason awaitClose(Duration within) {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            fail("connection not closed within " + within + "; received " + seen + " " + inbox);
            return null;
        }
    }

    public boolean isOpen() {
        return session.isOpen() && !closed.isDone();
    }

    /** The next message within {@code within}, or null. */
    public JsonObject poll(Duration within) {
        return next(within);
    }

    private JsonObject next(Duration within) {
        try {
            JsonObject next = inbox.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (next != null) {
                seen.add(next);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (session.isOpen()) {
                session.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
