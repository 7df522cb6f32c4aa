package org.callsign.presence;

/**
 * One logged-in connection: the name it holds, the token that can take the name over, and
 * where its messages go. Each login makes a new Member with a new token, so two Members
 * are equal only if they are the same login.
 */
public record Member(Name name, String token, Outbox outbox) {

    static Member withNewToken(Name name, Outbox outbox) {
        return new Member(name, Tokens.newToken(), outbox);
    }

    @Override
    public String toString() {
        return name.display();
    }
}
