package org.callsign.message.codec;

import org.callsign.message.ClientMessage.Answer;

public final class AnswerDecoder extends MessageDecoder<Answer> {

    public AnswerDecoder() {
        super(Answer.class);
    }
}
