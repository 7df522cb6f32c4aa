package org.callsign.message.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.Decoder;
import java.io.StringReader;
import java.util.List;
import org.callsign.message.ClientMessage;
import org.callsign.message.ClientMessage.Answer;
import org.callsign.message.ClientMessage.Candidate;
import org.callsign.message.ClientMessage.Decline;
import org.callsign.message.ClientMessage.Ice;
import org.callsign.message.ClientMessage.Invalid;
import org.callsign.message.ClientMessage.Leave;
import org.callsign.message.ClientMessage.Login;
import org.callsign.message.ClientMessage.Offer;
import org.callsign.message.ClientMessage.TooLarge;
import org.callsign.message.ClientMessage.Users;
import org.callsign.message.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameReaderTest {

    private static final int LIMIT = 1000;

    private final FrameReader reader = new FrameReader(LIMIT);

    /** JSON written with single quotes, for readability. */
    static String frame(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static JsonObject json(String singleQuoted) {
        return Json.createReader(new StringReader(frame(singleQuoted))).readObject();
    }

    private ClientMessage read(String singleQuoted) {
        return reader.read(frame(singleQuoted));
    }

    private void assertMalformed(String text) {
        ClientMessage message = reader.read(text);
        Invalid invalid = assertInstanceOf(Invalid.class, message, text);
        assertEquals(ErrorCode.MALFORMED, invalid.code(), text);
    }

    @Test
    void readsEveryMessageType() {
        JsonObject offer = json("{'type':'offer','sdp':'v=0'}");
        JsonObject answer = json("{'type':'answer','sdp':'v=0'}");
        JsonObject candidate = json("{'candidate':'candidate:1','sdpMid':'0','sdpMLineIndex':0}");

        assertEquals(new Login("alice", null), read("{'type':'login','name':'alice'}"));
        assertEquals(new Login("alice", "t0k"), read("{'type':'login','name':'alice','token':'t0k'}"));
        assertEquals(new Offer("bob", offer), read("{'type':'offer','name':'bob','offer':" + offer + "}"));
        assertEquals(new Answer("bob", answer), read("{'type':'answer','name':'bob','answer':" + answer + "}"));
        assertEquals(new Candidate("bob", candidate),
                read("{'type':'candidate','name':'bob','candidate':" + candidate + "}"));
        assertEquals(new Leave(null), read("{'type':'leave'}"));
        assertEquals(new Leave("bob"), read("{'type':'leave','name':'bob'}"));
        assertEquals(new Decline("bob"), read("{'type':'decline','name':'bob'}"));
        assertEquals(new Users(null), read("{'type':'users'}"));
        assertEquals(new Users("al"), read("{'type':'users','prefix':'al'}"));
        assertEquals(new Users("al", true), read("{'type':'users','prefix':'al','watch':true}"));
        assertEquals(new Users(null, false), read("{'type':'users','watch':false}"));
        assertEquals(new Ice(), read("{'type':'ice'}"));
    }

    @Test
    void readsTheSeedTutorialsMessagesAsItsClientSendsThem() {
        // The seed's send() adds name = connectedUser to every message, leave included;
        // offers and answers are RTCSessionDescriptions, candidates RTCIceCandidates.
        String sdp = "v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\n";
        assertEquals(new Login("alice", null), read("{'type':'login','name':'alice'}"));
        assertInstanceOf(Offer.class, read("{'type':'offer','offer':{'type':'offer','sdp':'" + sdp + "'},'name':'bob'}"));
        assertInstanceOf(Answer.class,
                read("{'type':'answer','answer':{'type':'answer','sdp':'" + sdp + "'},'name':'alice'}"));
        assertInstanceOf(Candidate.class, read("{'type':'candidate','candidate':{'candidate':"
                + "'candidate:842163049 1 udp 1677729535 192.0.2.7 46154 typ srflx','sdpMid':'0',"
                + "'sdpMLineIndex':0,'usernameFragment':'a1b2'},'name':'bob'}"));
        assertEquals(new Leave("bob"), read("{'type':'leave','name':'bob'}"));
    }

    @Test
    void aFieldThatIsJsonNullCountsAsAbsent() {
        assertEquals(new Login("alice", null), read("{'type':'login','name':'alice','token':null}"));
        assertEquals(new Leave(null), read("{'type':'leave','name':null}"));
        assertEquals(new Users(null), read("{'type':'users','prefix':null}"));
        assertMalformed(frame("{'type':'login','name':null}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "{", "{'type':'login',}", "", "[]", "'login'", "42", "null",
        "{}", "{'type':5}", "{'type':null}", "{'type':['login']}"})
    void aFrameThatIsNotAnObjectWithAStringTypeIsMalformed(String text) {
        assertMalformed(frame(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{'type':'login'}",
        "{'type':'login','name':5}",
        "{'type':'login','name':{'first':'alice'}}",
        "{'type':'login','name':'alice','token':5}",
        "{'type':'offer','offer':{'type':'offer','sdp':'v=0'}}",
        "{'type':'offer','name':true,'offer':{'type':'offer','sdp':'v=0'}}",
        "{'type':'offer','name':'bob'}",
        "{'type':'offer','name':'bob','offer':'v=0'}",
        "{'type':'offer','name':'bob','offer':{'type':'offer'}}",
        "{'type':'offer','name':'bob','offer':{'type':'offer','sdp':7}}",
        "{'type':'answer','name':'bob','answer':{'sdp':null}}",
        "{'type':'answer','name':'bob','answer':['v=0']}",
        "{'type':'candidate','name':'bob','candidate':'candidate:1'}",
        "{'type':'candidate','name':'bob'}",
        "{'type':'candidate','candidate':{}}",
        "{'type':'leave','name':1}",
        "{'type':'decline'}",
        "{'type':'decline','name':[]}",
        "{'type':'users','prefix':1}", "{'type':'users','watch':'yes'}"})
    void aFieldOfTheWrongShapeIsMalformedNotCoerced(String text) {
        assertMalformed(frame(text));
    }

    @Test
    void anUnknownTypeGetsTheSeedsUnrecognizedCommand() {
        assertEquals(new Invalid(ErrorCode.UNKNOWN_TYPE, "Unrecognized command: dance"),
                read("{'type':'dance','name':'bob'}"));
    }

    @Test
    void nestingDeeperThan1000LevelsIsMalformedNotAStackOverflow() {
        FrameReader roomy = new FrameReader(1 << 20);
        String deepArray = "[".repeat(100_000) + "]".repeat(100_000);
        assertInstanceOf(Invalid.class, roomy.read(deepArray));
        String deepPayload = frame("{'type':'candidate','name':'bob','candidate':")
                + "{\"a\":".repeat(1001) + "1" + "}".repeat(1001) + "}";
        assertEquals(ErrorCode.MALFORMED, assertInstanceOf(Invalid.class, roomy.read(deepPayload)).code());
    }

    @Test
    void nestingWithinTheLimitIsRelayedAsIs() {
        String payload = "{\"a\":".repeat(900) + "1" + "}".repeat(900);
        ClientMessage message = new FrameReader(1 << 20)
                .read(frame("{'type':'candidate','name':'bob','candidate':") + payload + "}");
        assertInstanceOf(Candidate.class, message);
    }

    @Test
    void aFrameOverTheLimitInUtf8BytesIsTooLargeThoughItHasFewerCharacters() {
        String prefix = frame("{'type':'users','prefix':'");
        String suffix = frame("'}");
        int room = LIMIT - prefix.length() - suffix.length();
        String fits = prefix + "é".repeat(room / 2) + suffix;
        String over = prefix + "é".repeat(room / 2 + 1) + suffix;

        assertTrue(over.length() < LIMIT);
        assertInstanceOf(Users.class, reader.read(fits));
        assertTrue(assertInstanceOf(TooLarge.class, reader.read(over)).bytes() > LIMIT);
    }

    @Test
    void surrogatePairsCountAsFourBytes() {
        String prefix = frame("{'type':'users','prefix':'");
        String suffix = frame("'}");
        int room = LIMIT - prefix.length() - suffix.length();
        String emoji = "\uD83D\uDE00";
        assertInstanceOf(Users.class, reader.read(prefix + emoji.repeat(room / 4) + suffix));
        assertInstanceOf(TooLarge.class, reader.read(prefix + emoji.repeat(room / 4 + 1) + suffix));
    }

    @Test
    void aFrameIsReadOnceForAllTheDecodersAskedAboutIt() {
        String text = frame("{'type':'leave'}");
        ClientMessage peeked = reader.peek(text);

        assertSame(peeked, reader.peek(text));
        assertSame(peeked, reader.take(text));
        assertNotSame(peeked, reader.peek(text));
    }

    @Test
    void everyFrameIsTakenByExactlyOneDecoder() throws Exception {
        List<Decoder.Text<? extends ClientMessage>> decoders = List.of(new LoginDecoder(), new OfferDecoder(),
                new AnswerDecoder(), new CandidateDecoder(), new LeaveDecoder(), new DeclineDecoder(),
                new UsersDecoder(), new IceDecoder(), new TooLargeDecoder(), new InvalidFrameDecoder());
        for (String text : List.of("{'type':'login','name':'a'}", "{'type':'offer','name':'b','offer':{'sdp':''}}",
                "{'type':'answer','name':'b','answer':{'sdp':''}}", "{'type':'candidate','name':'b','candidate':{}}",
                "{'type':'leave'}", "{'type':'decline','name':'a'}", "{'type':'users'}", "{'type':'ice'}", "{'type':'x'}", "nope",
                "{'type':'users','prefix':'" + "x".repeat(70_000) + "'}")) {
            String sent = frame(text);
            List<Decoder.Text<? extends ClientMessage>> takers = decoders.stream()
                    .filter(decoder -> decoder.willDecode(sent)).toList();
            assertEquals(1, takers.size(), text);
            assertEquals(new FrameReader(FrameReader.DEFAULT_MAX_MESSAGE_BYTES).read(sent),
                    takers.get(0).decode(sent));
        }
    }
}
