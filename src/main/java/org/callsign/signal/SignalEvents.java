package org.callsign.signal;

import org.callsign.message.CloseCode;
import org.callsign.message.Outgoing;

/**
 * What the transport reports for operators (the ops package counts it). Calls come on
 * container threads, for every message sent: implementations must be cheap and thread-safe.
 */
public interface SignalEvents {

    /** Where events go on a server without MicroProfile Metrics: nowhere. */
    SignalEvents UNCOUNTED = new SignalEvents() {
        @Override
        public void queued(Outgoing message) {
        }

        @Override
        public void closed(CloseCode byServer) {
        }
    };

    /** A message was queued for a connection (one that closes before writing it never gets it). */
    void queued(Outgoing message);

    /** A connection ended; {@code byServer} is why the server closed it, or null if the client did. */
    void closed(CloseCode byServer);
}
