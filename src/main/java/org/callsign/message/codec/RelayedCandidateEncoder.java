package org.callsign.message.codec;

import org.callsign.message.ServerMessage.RelayedCandidate;

public final class RelayedCandidateEncoder extends MessageEncoder<RelayedCandidate> {
}
