package org.callsign.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

/** Protocol messages as a client sends them. */
public final class Messages {

    private Messages() {
    }

    public static JsonObject login(String name) {
        return Json.createObjectBuilder().add("type", "login").add("name", name).build();
    }

    public static JsonObject login(String name, String token) {
        return Json.createObjectBuilder().add("type", "login").add("name", name).add("token", token).build();
    }

    public static JsonObject offer(String to, String sdp) {
        return Json.createObjectBuilder().add("type", "offer").add("name", to)
                .add("offer", Json.createObjectBuilder().add("type", "offer").add("sdp", sdp)).build();
    }

    public static JsonObject answer(String to, String sdp) {
        return Json.createObjectBuilder().add("type", "answer").add("name", to)
                .add("answer", Json.createObjectBuilder().add("type", "answer").add("sdp", sdp)).build();
    }

    public static JsonObject candidate(String to, String candidate) {
        return Json.createObjectBuilder().add("type", "candidate").add("name", to)
                .add("candidate", Json.createObjectBuilder().add("candidate", candidate)
                        .add("sdpMid", "0").add("sdpMLineIndex", 0)).build();
    }

    public static JsonObject leave() {
        return Json.createObjectBuilder().add("type", "leave").build();
    }

    /** A leave naming someone, as the seed's client sends it; the server ignores the name. */
    public static JsonObject leave(String name) {
        return Json.createObjectBuilder().add("type", "leave").add("name", name).build();
    }

    public static JsonObject decline(String caller) {
        return Json.createObjectBuilder().add("type", "decline").add("name", caller).build();
    }

    public static JsonObject users(String prefix) {
        return prefix == null ? Json.createObjectBuilder().add("type", "users").build()
                : Json.createObjectBuilder().add("type", "users").add("prefix", prefix).build();
    }

    /** {@code users} that also watches the list (rule 23): it is sent again when it changes. */
    public static JsonObject watchUsers(String prefix) {
        return Json.createObjectBuilder(users(prefix)).add("watch", true).build();
    }

    public static JsonObject ice() {
        return Json.createObjectBuilder().add("type", "ice").build();
    }
}
