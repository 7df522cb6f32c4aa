package org.callsign.bench;

/**
 * The protocol's JSON as the benchmark writes and reads it. Relayed frames carry a stamp
 * {@code ~b:LANE:SEQ:NANOS~} inside the opaque SDP or candidate string; a receiver finds it
 * with indexOf instead of parsing the 4 KB payload.
 */
final class Wire {

    private static final String STAMP = "~b:";
    private static final String NAME_FIELD = "\"name\":\"";
    /** Pads an offer's or answer's SDP to about 4 KB, the size of a real one with audio and video. */
    private static final String SDP_FILLER = "a=x-bench-padding:" + "x".repeat(4000);
    private static final String CANDIDATE_TEXT = "candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag sK4a";

    private Wire() {
    }

    static String login(String name) {
        return "{\"type\":\"login\",\"name\":\"" + name + "\"}";
    }

    /** {@code users} without a prefix: everyone online. */
    static String users() {
        return "{\"type\":\"users\"}";
    }

    /** {@code users} with {@code watch}: the list is sent again only when it changes (rule 23). */
    static String watchUsers() {
        return "{\"type\":\"users\",\"watch\":true}";
    }

    static String users(String prefix) {
        return "{\"type\":\"users\",\"prefix\":\"" + prefix + "\"}";
    }

    static String leave() {
        return "{\"type\":\"leave\"}";
    }

    static String offer(String to, String stamp) {
        return "{\"type\":\"offer\",\"name\":\"" + to + "\",\"offer\":{\"type\":\"offer\",\"sdp\":\"v=0 " + stamp + " " + SDP_FILLER + "\"}}";
    }

    static String answer(String to, String stamp) {
        return "{\"type\":\"answer\",\"name\":\"" + to + "\",\"answer\":{\"type\":\"answer\",\"sdp\":\"v=0 " + stamp + " " + SDP_FILLER + "\"}}";
    }

    static String candidate(String to, String stamp) {
        return "{\"type\":\"candidate\",\"name\":\"" + to + "\",\"candidate\":{\"candidate\":\"" + CANDIDATE_TEXT + " " + stamp
                + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}";
    }

    /**
     * The mix: every 10th message of a lane an offer or answer with a 4 KB SDP (alternating),
     * the rest ~200-byte candidates. Inside a call the server relays all three both ways.
     */
    static String relay(String to, int lane, long seq, long nanos) {
        String stamp = STAMP + lane + ':' + seq + ':' + nanos + '~';
        if (seq % 20 == 0) {
            return offer(to, stamp);
        }
        if (seq % 10 == 0) {
            return answer(to, stamp);
        }
        return candidate(to, stamp);
    }

    static boolean isType(String text, String type) {
        return text.contains("\"type\":\"" + type + "\"");
    }

    static boolean loginAccepted(String text) {
        return isType(text, "login") && text.contains("\"success\":true");
    }

    /** Whether the top-level {@code name} (the sender, as the server stamps it) is {@code expected}. */
    static boolean isFrom(String text, String expected) {
        int at = text.indexOf(NAME_FIELD);
        int start = at + NAME_FIELD.length();
        return at >= 0 && text.startsWith(expected, start) && text.charAt(start + expected.length()) == '"';
    }

    /** The {@code total} of a {@code users} reply, or -1. */
    static int total(String text) {
        int at = text.indexOf("\"total\":");
        return at < 0 ? -1 : (int) number(text, at + "\"total\":".length());
    }

    /** The stamp of a relayed frame, or null if it carries none. */
    static Stamp stamp(String text) {
        int at = text.indexOf(STAMP);
        if (at < 0) {
            return null;
        }
        int laneAt = at + STAMP.length();
        int seqAt = text.indexOf(':', laneAt) + 1;
        int nanosAt = text.indexOf(':', seqAt) + 1;
        return new Stamp((int) number(text, laneAt), number(text, seqAt), number(text, nanosAt));
    }

    private static long number(String text, int from) {
        long value = 0;
        boolean negative = text.charAt(from) == '-';
        for (int i = negative ? from + 1 : from; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return negative ? -value : value;
    }

    record Stamp(int lane, long seq, long nanos) {
    }
}
