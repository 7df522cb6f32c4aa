package org.callsign.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Arquillian-managed server prints while a test runs: the Payara Micro adapter relays
 * the server's output line by line to this JVM's {@code System.out}, which this tees while open.
 */
public final class ServerConsole implements AutoCloseable {

    private final PrintStream original;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private ServerConsole() {
        original = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                captured.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                captured.write(bytes, offset, length);
            }
        }, true, StandardCharsets.UTF_8));
    }

    public static ServerConsole capture() {
        return new ServerConsole();
    }

    /** How often {@code text} has appeared so far. */
    public int count(String text) {
        Matcher matcher = Pattern.compile(Pattern.quote(text)).matcher(captured.toString(StandardCharsets.UTF_8));
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** Waits until {@code text} has appeared, failing after {@code within}. */
    public void await(String text, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (count(text) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server never printed " + text);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        System.setOut(original);
    }
}
