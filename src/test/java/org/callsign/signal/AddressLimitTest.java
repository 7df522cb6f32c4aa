package org.callsign.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.callsign.net.IpLiteral;
import org.junit.jupiter.api.Test;

class AddressLimitTest {

    private static final InetAddress ONE = IpLiteral.parse("192.0.2.1").orElseThrow();
    private static final InetAddress TWO = IpLiteral.parse("192.0.2.2").orElseThrow();
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void anAddressGetsAsManyConnectionsAsAllowedAndOthersAreUnaffected() {
        AddressLimit limit = new AddressLimit(3);
        for (int i = 0; i < 3; i++) {
            assertTrue(limit.admit(ONE));
        }
        assertFalse(limit.admit(ONE));
        assertTrue(limit.admit(TWO));
        limit.release(ONE);
        assertTrue(limit.admit(ONE), "a closed connection frees its place");
        assertFalse(limit.admit(ONE));
    }

    @Test
    void anAddressLeavesTheCountWithItsLastConnection() {
        AddressLimit limit = new AddressLimit(2);
        limit.admit(ONE);
        limit.admit(ONE);
        limit.admit(ONE);
        limit.admit(TWO);
        assertEquals(2, limit.addresses());
        limit.release(ONE);
        limit.release(ONE);
        limit.release(TWO);
        assertEquals(0, limit.addresses());
    }

    @Test
    void racingConnectionsNeverGetMoreThanTheLimit() throws Exception {
        AddressLimit limit = new AddressLimit(50);
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 400; i++) {
            pool.submit(() -> {
                start.await();
                if (limit.admit(ONE)) {
                    admitted.incrementAndGet();
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(50, admitted.get());
        for (int i = 0; i < 50; i++) {
            limit.release(ONE);
        }
        assertEquals(0, limit.addresses());
    }

    @Test
    void aRefusalIsLoggedOnceAMinutePerAddress() {
        AddressLimit limit = new AddressLimit(1);
        long start = 42 * SECOND;
        assertTrue(limit.logDue(ONE, start));
        assertFalse(limit.logDue(ONE, start + SECOND));
        assertTrue(limit.logDue(TWO, start + SECOND));
        assertFalse(limit.logDue(ONE, start + 59 * SECOND));
        assertTrue(limit.logDue(ONE, start + 60 * SECOND));
    }

    @Test
    void rememberedRefusalsAreBoundedAndForgottenAfterAMinute() throws Exception {
        AddressLimit limit = new AddressLimit(1);
        for (int i = 0; i < AddressLimit.REMEMBERED_REFUSALS; i++) {
            assertTrue(limit.logDue(InetAddress.getByAddress(new byte[] {10, (byte) (i >> 16), (byte) (i >> 8), (byte) i}), 0));
        }
        assertFalse(limit.logDue(ONE, SECOND), "past the bound, a new address goes unlogged");
        limit.forgetOldRefusals(60 * SECOND);
        assertTrue(limit.logDue(ONE, 60 * SECOND));
    }
}
