package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every transition of the name rules ({@link Presence}), over the store a subclass names:
 * claim, takeover with a token, release by the holder only, and the listing.
 */
public abstract class PresenceContract {

    private Registry registry;
    private Presence presence;

    /** A registry with nobody online. */
    protected abstract Registry emptyRegistry();

    @BeforeEach
    public void empty() {
        registry = emptyRegistry();
        presence = registry.presence();
    }

    @AfterEach
    public void closeRegistry() {
        registry.close();
    }

    /** A login as {@code name}, and the token it was given. */
    private record Login(Member member, String token) {
        static Login as(String name) {
            String token = Tokens.newToken();
            return new Login(new Member(Name.parse(name).orElseThrow(), Tokens.digest(token), new RecordingOutbox()), token);
        }
    }

    @Test
    public void aNameIsClaimedOnceIgnoringCase() {
        Login alice = Login.as("Alice");
        assertTrue(presence.claim(alice.member()));

        assertFalse(presence.claim(Login.as("ALICE").member()));
        assertEquals(alice.member(), presence.find(Name.parse("alice").orElseThrow()));
        assertTrue(presence.holds(alice.member()));
        assertEquals(1, presence.size());
    }

    @Test
    public void theHoldersTokenTakesTheNameOverOnce() {
        Login alice = Login.as("alice");
        presence.claim(alice.member());
        Login reloaded = Login.as("ALICE");

        assertEquals(alice.member(), presence.takeOver(alice.token(), reloaded.member()));
        assertTrue(presence.holds(reloaded.member()));
        assertFalse(presence.holds(alice.member()));
        assertNull(presence.takeOver(alice.token(), Login.as("alice").member()), "the token was for the replaced login");
        assertEquals(1, presence.size());
    }

    @Test
    public void aWrongOrMissingTokenTakesNothingOver() {
        Login alice = Login.as("alice");
        presence.claim(alice.member());

        assertNull(presence.takeOver("not-the-token", Login.as("alice").member()));
        assertNull(presence.takeOver(null, Login.as("alice").member()));
        assertNull(presence.takeOver(alice.token(), Login.as("bob").member()), "nobody holds bob");
        assertTrue(presence.holds(alice.member()));
    }

    @Test
    public void onlyTheHoldersReleaseFreesTheName() {
        Login alice = Login.as("alice");
        presence.claim(alice.member());
        Login reloaded = Login.as("alice");
        presence.takeOver(alice.token(), reloaded.member());

        presence.release(alice.member());
        assertTrue(presence.holds(reloaded.member()), "a late release of the replaced login frees nothing");
        presence.release(reloaded.member());
        assertNull(presence.find(reloaded.member().name()));
        assertEquals(0, presence.size());
        assertTrue(presence.claim(Login.as("alice").member()));
    }

    @Test
    public void theListingIsByPrefixIgnoringCaseInKeyOrderWithItsBusyNamesInTheSameOrder() {
        for (String name : List.of("bob", "Alicia", "ALBERT", "alice")) {
            presence.claim(Login.as(name).member());
        }
        Predicate<Member> busy = member -> Set.of("Alicia", "ALBERT", "bob").contains(member.name().display());

        assertEquals(new Listing(List.of("ALBERT", "alice", "Alicia"), List.of("ALBERT", "Alicia"), 3),
                presence.list("al", busy));
        assertEquals(new Listing(List.of("ALBERT", "alice", "Alicia", "bob"), List.of("ALBERT", "Alicia", "bob"), 4),
                presence.list(null, busy));
        assertEquals(new Listing(List.of(), List.of(), 0), presence.list("z", busy));
    }
}
