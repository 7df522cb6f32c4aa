package org.callsign.message;

/** What an outbox sends down a connection: a server message, or one another cluster instance already encoded. */
public sealed interface Outgoing permits ServerMessage, Forwarded {
}
