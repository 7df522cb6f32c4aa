package org.callsign.message.codec;

import org.callsign.message.ClientMessage.Candidate;

public final class CandidateDecoder extends MessageDecoder<Candidate> {

    public CandidateDecoder() {
        super(Candidate.class);
    }
}
