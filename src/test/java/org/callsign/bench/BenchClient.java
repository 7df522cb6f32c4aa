package org.callsign.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One benchmark connection over the JDK's WebSocket client. The JDK allows one send in flight
 * per socket, so sends are queued here and the next one starts when the previous completes.
 * Received frames are handed whole to a replaceable handler; nothing is parsed here.
 */
final class BenchClient implements WebSocket.Listener {

    final String name;
    private final Queue<String> outgoing = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    /** A frame arriving in parts (the 4 KB offers can) is assembled here; only the listener thread touches it. */
    private final StringBuilder partial = new StringBuilder();
    private volatile Consumer<String> handler = text -> { };
    private volatile WebSocket socket;

    private BenchClient(String name) {
        this.name = name;
    }

    static CompletableFuture<BenchClient> connect(HttpClient http, URI uri, String name) {
        BenchClient client = new BenchClient(name);
        return http.newWebSocketBuilder().buildAsync(uri, client).thenApply(socket -> {
            client.socket = socket;
            return client;
        });
    }

    /** Every frame from now on goes to {@code handler}, called on the client's listener thread. */
    void onMessage(Consumer<String> handler) {
        this.handler = handler;
    }

    /** Sends {@code text} and completes with the next frame received: for set-up steps, not for load. */
    CompletableFuture<String> request(String text) {
        CompletableFuture<String> reply = nextMessage();
        send(text);
        return reply;
    }

    CompletableFuture<String> nextMessage() {
        CompletableFuture<String> next = new CompletableFuture<>();
        handler = next::complete;
        return next;
    }

    void send(String text) {
        outgoing.add(text);
        if (sending.compareAndSet(false, true)) {
            pump();
        }
    }

    /** Starts the close handshake; {@link #closed()} completes when the server has answered it. */
    CompletableFuture<Void> close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        return closed;
    }

    CompletableFuture<Void> closed() {
        return closed;
    }

    private void pump() {
        // A send that completes at once continues this loop instead of recursing, so a long
        // backlog (open loop falling behind) cannot overflow the stack.
        while (true) {
            String next = outgoing.poll();
            if (next == null) {
                sending.set(false);
                if (outgoing.isEmpty() || !sending.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            CompletableFuture<WebSocket> sent = socket.sendText(next, true);
            if (!sent.isDone()) {
                sent.whenComplete((ws, failure) -> afterSend(failure));
                return;
            }
            if (sent.isCompletedExceptionally()) {
                sent.whenComplete((ws, failure) -> closed.completeExceptionally(failure));
                return;
            }
        }
    }

    private void afterSend(Throwable failure) {
        if (failure != null) {
            closed.completeExceptionally(failure);
        } else {
            pump();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        // No flow control: the benchmark reads as fast as frames come.
        webSocket.request(Long.MAX_VALUE);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
        } else if (partial.length() > 0) {
            handler.accept(partial.append(data).toString());
            partial.setLength(0);
        } else {
            handler.accept(data.toString());
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
