package org.callsign.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterKeysTest {

    @Test
    void aClusterWithoutASecretIsRefusedWithTheReason() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ClusterKeys.of(Optional.empty()));
        assertTrue(refused.getMessage().contains("signal.cluster.secret is not set"), refused.getMessage());
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> ClusterKeys.of(Optional.of("x".repeat(31))));
        assertTrue(refused.getMessage().contains("31 bytes"), refused.getMessage());
        // Counted in bytes, not characters: 16 two-byte characters are enough.
        ClusterKeys.of(Optional.of("\u00e9".repeat(16)));
    }

    @Test
    void theSameSecretGivesTheSameKeysAndEachPurposeItsOwn() {
        ClusterKeys one = ClusterKeys.of(Optional.of("a".repeat(32)));
        ClusterKeys same = ClusterKeys.of(Optional.of("a".repeat(32)));
        ClusterKeys other = ClusterKeys.of(Optional.of("b".repeat(32)));
        byte[] relay = one.derive("relay", "AES").getEncoded();
        assertArrayEquals(relay, same.derive("relay", "AES").getEncoded());
        assertFalse(Arrays.equals(relay, one.derive("entries", "AES").getEncoded()));
        assertFalse(Arrays.equals(relay, other.derive("relay", "AES").getEncoded()));
    }
}
