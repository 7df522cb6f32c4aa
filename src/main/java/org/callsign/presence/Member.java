package org.callsign.presence;

/**
 * One login: the name it holds, its id, and where its messages go. The id is the digest of
 * the login's takeover token ({@link Tokens#digest}): unique per login, so two Members are
 * equal exactly when they are the same login, wherever they were looked up, and safe to keep
 * in a shared store, since the token cannot be read back from it.
 */
public record Member(Name name, String id, Outbox outbox) {

    @Override
    public boolean equals(Object other) {
        return other instanceof Member member && id.equals(member.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return name.display();
    }
}
