package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.callsign.message.CloseCode;
import org.callsign.message.Outgoing;
import org.callsign.message.ServerMessage.PeerLeft;
import org.callsign.message.codec.ServerJson;
import org.callsign.message.codec.Utf8;
import org.junit.jupiter.api.Test;

class MailboxTest {

    private final RecordingOutbox connection = new RecordingOutbox();
    private final RecordingOutbox successor = new RecordingOutbox();
    private final Mailbox mailbox = new Mailbox(connection);

    private static List<Outgoing> numbered(int count) {
        return IntStream.range(0, count).<Outgoing>mapToObj(i -> new PeerLeft("n" + i, "hangup")).toList();
    }

    @Test
    void whileOpenMessagesGoStraightToTheConnection() {
        numbered(3).forEach(mailbox::deliver);
        assertEquals(numbered(3), connection.messages());
        assertFalse(mailbox.holding());
    }

    @Test
    void whileAwayMessagesAreHeldThenHandedOverInOrderAndLaterOnesFollow() {
        mailbox.holdFromNow(new Mailbox.Limits(10, 1 << 20));
        numbered(5).forEach(mailbox::deliver);
        assertTrue(mailbox.holding());
        assertEquals(List.of(), connection.messages());

        mailbox.handOver(successor);
        mailbox.deliver(new PeerLeft("late", "hangup"));

        List<Outgoing> expected = new ArrayList<>(numbered(5));
        expected.add(new PeerLeft("late", "hangup"));
        assertEquals(expected, successor.messages());
        assertFalse(mailbox.holding());
    }

    @Test
    void holdingPastTheMessageLimitOverflowsAndDropsWhatWasHeld() {
        mailbox.holdFromNow(new Mailbox.Limits(3, 1 << 20));
        numbered(3).forEach(mailbox::deliver);
        assertFalse(mailbox.overflowed());
        mailbox.deliver(new PeerLeft("one too many", "hangup"));
        assertTrue(mailbox.overflowed());

        mailbox.handOver(successor);
        assertEquals(List.of(), successor.messages());
    }

    @Test
    void holdingPastTheByteLimitOverflowsEvenWithFewMessages() {
        Outgoing message = new PeerLeft("x".repeat(100), "hangup");
        int bytes = Utf8.size(ServerJson.text(message));
        mailbox.holdFromNow(new Mailbox.Limits(1000, 2L * bytes));
        mailbox.deliver(message);
        mailbox.deliver(message);
        assertFalse(mailbox.overflowed());
        mailbox.deliver(message);
        assertTrue(mailbox.overflowed());
    }

    @Test
    void aHandedOverMailboxNoLongerHoldsAndClosesOnlyItsOwnConnection() {
        mailbox.handOver(successor);
        mailbox.holdFromNow(new Mailbox.Limits(10, 1 << 20));
        assertFalse(mailbox.holding());

        assertTrue(mailbox.close(CloseCode.REPLACED));
        assertEquals(CloseCode.REPLACED, connection.closedWith());
        assertNull(successor.closedWith());
    }

    @Test
    void discardingDropsWhatWasHeldAndLaterMessagesGoToTheClosedConnection() {
        mailbox.holdFromNow(new Mailbox.Limits(10, 1 << 20));
        numbered(2).forEach(mailbox::deliver);
        mailbox.discard();
        mailbox.deliver(new PeerLeft("after", "hangup"));
        assertEquals(List.of(new PeerLeft("after", "hangup")), connection.messages());
    }
}
