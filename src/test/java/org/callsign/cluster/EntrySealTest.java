package org.callsign.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EntrySealTest {

    private final EntrySeal seal = new EntrySeal(TestGrid.KEYS);

    @Test
    void aSealedValueOpensUnderItsMapAndKeyOnlyAndSealsTheSameEachTime() {
        String sealed = seal.seal("signal-names", "k1", "1700000000000//instance/id/alice");
        assertEquals("1700000000000//instance/id/alice", seal.open("signal-names", "k1", sealed));
        assertEquals(sealed, seal.seal("signal-names", "k1", "1700000000000//instance/id/alice"),
                "replace(key, old, new) and remove(key, value) need the same text for the same value");
        assertFalse(sealed.contains("alice"));
        assertNull(seal.open("signal-names", "k2", sealed), "moved to another key");
        assertNull(seal.open("signal-calls", "k1", sealed), "moved to another map");
        assertNotEquals(sealed, seal.seal("signal-names", "k2", "1700000000000//instance/id/alice"));
    }

    @Test
    void anythingButASealedValueDoesNotOpen() {
        String sealed = seal.seal("m", "k", "value");
        byte[] bytes = Base64.getUrlDecoder().decode(sealed);
        bytes[bytes.length - 1] ^= 1;
        assertNull(seal.open("m", "k", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)));
        assertNull(seal.open("m", "k", "value"));
        assertNull(seal.open("m", "k", "!!not base64!!"));
        assertNull(seal.open("m", "k", ""));
        EntrySeal otherCluster = new EntrySeal(ClusterKeys.of(Optional.of("another-cluster-secret-0123456789abcdef")));
        assertNull(otherCluster.open("m", "k", sealed));
    }

    @Test
    void aHiddenKeyIsTheSameOnEveryInstanceAndTellsNothing() {
        String hidden = seal.hideKey("alice");
        assertEquals(hidden, new EntrySeal(TestGrid.KEYS).hideKey("alice"));
        assertNotEquals(hidden, seal.hideKey("alicf"));
        assertFalse(hidden.contains("alice"));
    }
}
