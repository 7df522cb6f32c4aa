package org.callsign.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Set-up conversations, one step at a time, each checked: log in, place a call, hang up.
 * Blocking and slow on purpose; the load itself never goes through here.
 */
final class Dialog {

    private static final long STEP_SECONDS = 30;

    private Dialog() {
    }

    static BenchClient login(HttpClient http, URI uri, String name) {
        BenchClient client = await(BenchClient.connect(http, uri, name), "connect " + name);
        String reply = await(client.request(Wire.login(name)), "login reply for " + name);
        if (!Wire.loginAccepted(reply)) {
            throw new IllegalStateException("login " + name + " refused: " + reply);
        }
        return client;
    }

    /** Caller offers, callee answers: the pair is connected and relays anything both ways. */
    static void call(BenchClient caller, BenchClient callee) {
        pass(caller, callee, Wire.offer(callee.name, "setup"), "offer");
        pass(callee, caller, Wire.answer(caller.name, "setup"), "answer");
    }

    /** Sends {@code frame} and checks that {@code to} receives it as {@code type} from {@code from}. */
    static void pass(BenchClient from, BenchClient to, String frame, String type) {
        CompletableFuture<String> next = to.nextMessage();
        from.send(frame);
        String got = await(next, type + " from " + from.name + " at " + to.name);
        if (!Wire.isType(got, type) || !Wire.isFrom(got, from.name)) {
            throw new IllegalStateException(to.name + " expected " + type + " from " + from.name + ", got: " + shorten(got));
        }
    }

    static <T> T await(CompletableFuture<T> step, String what) {
        try {
            return step.get(STEP_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + ": nothing within " + STEP_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String shorten(String frame) {
        return frame.length() <= 160 ? frame : frame.substring(0, 160) + "…";
    }
}
