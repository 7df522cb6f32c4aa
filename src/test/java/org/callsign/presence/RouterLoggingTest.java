package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.callsign.ice.IceServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What an operator reads: one line per event, names quoted, never SDP or candidate addresses. */
class RouterLoggingTest {

    private final Logger logger = Logger.getLogger(Router.class.getName());
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                lines.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Level levelBefore = logger.getLevel();
    private final Router router = new Router(Registry.local(), IceServers.none(), TestSettings.ROUTER);

    @BeforeEach
    void listen() {
        logger.setLevel(Level.INFO);
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
        logger.setLevel(levelBefore);
    }

    @Test
    void aCallIsLoggedAsEventsWithoutItsSdpOrCandidateAddresses() {
        TestClient alice = TestClient.loggedIn(router, "alice");
        TestClient bob = TestClient.loggedIn(router, "bob");
        alice.offer("bob");
        bob.answer("alice");
        alice.candidate("bob");
        bob.leave();

        assertTrue(lines.stream().anyMatch(line -> line.startsWith("call-start \"alice\"")), lines::toString);
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("call-end") && line.contains("reason=hangup")),
                lines::toString);
        for (String line : lines) {
            assertFalse(line.contains("v=0") || line.contains("192.0.2.1") || line.contains("candidate:"), line);
        }
    }

    @Test
    void aNameCannotForgeALogLine() {
        TestClient mallory = new TestClient(router);
        mallory.login("x\nlogin \"admin\"");
        mallory.login("quote\"d");

        assertTrue(lines.size() >= 2, lines::toString);
        for (String line : lines) {
            assertFalse(line.contains("\n") || line.contains("\r"), line);
        }
        assertTrue(lines.stream().anyMatch(line -> line.contains("\"x\\u000alogin \\\"admin\\\"\"")), lines::toString);
    }
}
