package org.callsign.cluster;

import org.callsign.message.CloseCode;
import org.callsign.message.Outgoing;
import org.callsign.presence.Call;
import org.callsign.presence.Member;
import org.callsign.presence.Outbox;

/**
 * The outbox of a login whose connection is on server instance {@code instance}: what is
 * handed to it travels through the {@link Relay} to that instance's own outbox.
 */
record RemoteOutbox(Relay relay, String instance, String memberId) implements Outbox {

    @Override
    public void deliver(Outgoing message) {
        relay.deliver(instance, memberId, message, null, null);
    }

    /** The recipient's instance delivers it only if the call is still on there. */
    @Override
    public void deliver(Outgoing message, Call within, Member sender) {
        relay.deliver(instance, memberId, message, within, sender);
    }

    /** Asks the instance to close the connection; true, since whether it was open is only known there. */
    @Override
    public boolean close(CloseCode reason) {
        relay.close(instance, memberId, reason);
        return true;
    }
}
