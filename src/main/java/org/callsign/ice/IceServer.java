package org.callsign.ice;

import java.util.List;

/** One entry of RTCPeerConnection's {@code iceServers}; username and credential only for TURN. */
public record IceServer(List<String> urls, String username, String credential) {

    public static IceServer stun(List<String> urls) {
        return new IceServer(urls, null, null);
    }
}
