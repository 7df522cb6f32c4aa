package org.callsign.support;

import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a test client received, taken one message at a time in arrival order. A wait that ends
 * without the expected message fails showing what did arrive.
 */
public final class Inbox {

    private final BlockingQueue<JsonObject> waiting = new LinkedBlockingQueue<>();
    // Only the test's thread takes, so only it touches this list.
    private final List<JsonObject> taken = new ArrayList<>();

    /** Adds one text frame from the server; any thread may call it. */
    public void add(String frame) {
        waiting.add(Json.createReader(new StringReader(frame)).readObject());
    }

    /** The next message within {@code within}, or null. */
    public JsonObject poll(Duration within) {
        try {
            JsonObject next = waiting.poll(within.toMillis(), TimeUnit.MILLISECONDS);
            if (next != null) {
                taken.add(next);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next message within {@code within}, which must be of {@code type}. */
    public JsonObject awaitType(String type, Duration within) {
        JsonObject next = poll(within);
        if (next == null) {
            fail("expected '" + type + "' within " + within.toMillis() + " ms; nothing arrived; earlier: " + taken);
        }
        if (!type.equals(next.getString("type", null))) {
            fail("expected '" + type + "' but got " + next + "; earlier: " + taken);
        }
        return next;
    }

    /** Fails if any message arrives within {@code quiet}. */
    public void expectNothing(Duration quiet) {
        JsonObject next = poll(quiet);
        if (next != null) {
            fail("expected nothing but got " + next + "; earlier: " + taken);
        }
    }

    /** Everything received so far, taken or not, for a failure message. */
    public String received() {
        return taken + " " + waiting;
    }
}
