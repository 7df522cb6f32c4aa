package org.callsign.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FrameSealTest {

    private final String one = UUID.randomUUID().toString();
    private final String two = UUID.randomUUID().toString();
    private final String three = UUID.randomUUID().toString();
    private final FrameSeal sender = new FrameSeal(TestGrid.KEYS, one);
    private final FrameSeal recipient = new FrameSeal(TestGrid.KEYS, two);
    private final byte[] records = "offer for bob".getBytes(StandardCharsets.UTF_8);

    @Test
    void aFrameOpensOnceAtItsDestinationAsFromItsSender() {
        byte[] frame = sender.seal(two, records);
        FrameSeal.Opened opened = recipient.open(frame);
        assertEquals(one, opened.sender());
        assertArrayEquals(records, opened.records());
        assertNull(recipient.open(frame), "played again");
        assertNull(new FrameSeal(TestGrid.KEYS, three).open(frame), "opened by another instance");
    }

    @Test
    void framesOpenOnlyInRisingOrder() {
        byte[] first = sender.seal(two, records);
        byte[] second = sender.seal(two, records);
        byte[] third = sender.seal(two, records);
        assertEquals(one, recipient.open(second).sender());
        assertNull(recipient.open(first), "older than one accepted");
        assertEquals(one, recipient.open(third).sender());
    }

    @Test
    void aFrameChangedOrSealedWithoutTheSecretDoesNotOpen() {
        byte[] frame = sender.seal(two, records);
        for (int i = 0; i < frame.length; i++) {
            byte[] changed = frame.clone();
            changed[i] ^= 1;
            assertNull(recipient.open(changed), "byte " + i + " changed");
        }
        FrameSeal outsider = new FrameSeal(ClusterKeys.of(Optional.of("another-cluster-secret-0123456789abcdef")), one);
        assertNull(recipient.open(outsider.seal(two, records)));
        assertNull(recipient.open(new byte[3]));
        assertEquals(one, recipient.open(sender.seal(two, records)).sender(), "the refusals moved nothing");
    }
}
