package org.callsign.support;

/**
 * What the protocol suite runs against: a server it can open client connections to, and the
 * ICE configuration that server was given, so a test can check the credentials it hands out.
 */
public interface ProtocolDriver {

    ProtocolClient connect();

    /** A new connection the test can lose with {@link ProtocolClient#loseConnection}. */
    ProtocolClient connectLosable();

    /** A new connection, logged in as {@code name}. */
    default ProtocolClient loggedIn(String name) {
        ProtocolClient client = connect();
        client.logIn(name);
        return client;
    }

    Ice ice();

    /**
     * Returns once {@code signal.ring-timeout-seconds} has passed for every call ringing now,
     * so that the server ends them (docs/protocol.md rule 27) within a client's usual wait.
     */
    void ringTimeoutPasses();

    /**
     * Returns once {@code signal.resume-seconds} has passed for every user away now, so that the
     * server frees their names (rule 24) within a client's usual wait.
     */
    void resumeWindowPasses();

    /** Returns once {@code signal.users-watch-seconds} has passed, so that a changed watched list is sent (rule 23). */
    void watchPeriodPasses();

    /** The server's STUN URL, TURN URL, TURN REST secret and credential lifetime. */
    record Ice(String stunUrl, String turnUrl, String secret, long ttlSeconds) {}
}
