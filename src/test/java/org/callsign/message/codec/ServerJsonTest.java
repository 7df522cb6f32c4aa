package org.callsign.message.codec;

import static org.callsign.message.codec.FrameReaderTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.callsign.ice.IceServer;
import org.callsign.message.ErrorCode;
import org.callsign.message.LeaveReason;
import org.callsign.message.ServerMessage.Declined;
import org.callsign.message.ServerMessage.ErrorReply;
import org.callsign.message.ServerMessage.FreshIce;
import org.callsign.message.ServerMessage.HeldCall;
import org.callsign.message.ServerMessage.LoginAccepted;
import org.callsign.message.ServerMessage.LoginRefused;
import org.callsign.message.ServerMessage.PeerAway;
import org.callsign.message.ServerMessage.PeerBack;
import org.callsign.message.ServerMessage.PeerLeft;
import org.callsign.message.ServerMessage.RelayedAnswer;
import org.callsign.message.ServerMessage.RelayedCandidate;
import org.callsign.message.ServerMessage.RelayedOffer;
import org.callsign.message.ServerMessage.UserList;
import org.junit.jupiter.api.Test;

/** Each server message encodes to exactly the fields docs/protocol.md lists, nothing more. */
class ServerJsonTest {

    private static JsonObject parsed(String encoded) {
        return Json.createReader(new StringReader(encoded)).readObject();
    }

    @Test
    void anAcceptedLoginHasSuccessTrueTheNameTheTokenAndTheIceServers() {
        String encoded = ServerJson.write(new LoginAccepted("alice", "t0k", List.of(
                IceServer.stun(List.of("stun:a", "stun:b")),
                new IceServer(List.of("turn:t"), "1700003600:alice", "c2VjcmV0"))));

        assertEquals(json("{'type':'login','success':true,'name':'alice','token':'t0k','iceServers':["
                + "{'urls':['stun:a','stun:b']},"
                + "{'urls':['turn:t'],'username':'1700003600:alice','credential':'c2VjcmV0'}],'resumed':false}"),
                parsed(encoded));
    }

    @Test
    void aResumedLoginSaysSoAndCarriesTheCallItKept() {
        String encoded = ServerJson.write(new LoginAccepted("alice", "t0k", List.of(),
                new HeldCall("bob", "connected", "caller")));

        assertEquals(json("{'type':'login','success':true,'name':'alice','token':'t0k','iceServers':[],'resumed':true,"
                + "'call':{'peer':'bob','state':'connected','role':'caller'}}"), parsed(encoded));
    }

    @Test
    void awayAndBackCarryThePeersName() {
        assertEquals(json("{'type':'away','name':'bob'}"), parsed(ServerJson.write(new PeerAway("bob"))));
        assertEquals(json("{'type':'back','name':'bob'}"), parsed(ServerJson.write(new PeerBack("bob"))));
    }

    @Test
    void aRefusedLoginHasSuccessFalseTheCodeAndASentence() {
        String encoded = ServerJson.write(new LoginRefused(ErrorCode.NAME_TAKEN));

        assertEquals(json("{'type':'login','success':false,'code':'name-taken','message':'That name is taken.'}"),
                parsed(encoded));
    }

    @Test
    void relayedMessagesCarryTheSendersNameAndThePayloadUntouched() {
        JsonObject offer = json("{'type':'offer','sdp':'v=0\\r\\n'}");
        JsonObject answer = json("{'type':'answer','sdp':'v=0\\r\\n'}");
        JsonObject candidate = json("{'candidate':'candidate:1','sdpMid':'0','sdpMLineIndex':0,'extra':[1,{}]}");

        assertEquals(json("{'type':'offer','name':'alice','offer':" + offer + "}"),
                parsed(ServerJson.write(new RelayedOffer("alice", offer))));
        assertEquals(json("{'type':'answer','name':'bob','answer':" + answer + "}"),
                parsed(ServerJson.write(new RelayedAnswer("bob", answer))));
        assertEquals(json("{'type':'candidate','name':'bob','candidate':" + candidate + "}"),
                parsed(ServerJson.write(new RelayedCandidate("bob", candidate))));
    }

    @Test
    void leaveCarriesThePeersNameAndWhyDeclineThePeersName() {
        assertEquals(json("{'type':'leave','name':'alice','reason':'hangup'}"),
                parsed(ServerJson.write(new PeerLeft("alice", LeaveReason.HANGUP))));
        assertEquals(json("{'type':'decline','name':'bob'}"), parsed(ServerJson.write(new Declined("bob"))));
    }

    @Test
    void freshIceHasTheIceServersOnly() {
        assertEquals(json("{'type':'ice','iceServers':[{'urls':['turn:t'],'username':'1700003600:alice','credential':'c2VjcmV0'}]}"),
                parsed(ServerJson.write(new FreshIce(List.of(
                        new IceServer(List.of("turn:t"), "1700003600:alice", "c2VjcmV0"))))));
    }

    @Test
    void aUserListHasTheNamesTheTotalAndTheBusyNames() {
        assertEquals(json("{'type':'users','users':['alice','Bob'],'total':120,'busy':['Bob']}"),
                parsed(ServerJson.write(new UserList(List.of("alice", "Bob"), 120, List.of("Bob")))));
        assertEquals(json("{'type':'users','users':[],'total':0,'busy':[]}"),
                parsed(ServerJson.write(new UserList(List.of(), 0, List.of()))));
    }

    @Test
    void anErrorHasTheCodeAndTheMessageLikeTheSeedsUnrecognizedCommand() {
        assertEquals(json("{'type':'error','code':'unknown-type','message':'Unrecognized command: dance'}"),
                parsed(ServerJson.write(new ErrorReply(ErrorCode.UNKNOWN_TYPE, "Unrecognized command: dance"))));
    }

    @Test
    void textInNamesAndMessagesIsEscapedNotInjected() {
        String name = "a\"},\"type\":\"x";
        assertEquals(name, parsed(ServerJson.write(new PeerLeft(name, LeaveReason.DISCONNECTED))).getString("name"));
    }

    @Test
    void aRelayedSendersNameIsEscapedTooAndThePayloadKeepsItsOwnEscapes() {
        String name = "a\"b\\c\u0001";
        JsonObject candidate = json("{'candidate':'quote \\\" and \\u2028 and \\\\','sdpMid':'0'}");

        JsonObject relayed = parsed(ServerJson.write(new RelayedCandidate(name, candidate)));
        assertEquals(name, relayed.getString("name"));
        assertEquals(candidate, relayed.getJsonObject("candidate"));
    }
}
