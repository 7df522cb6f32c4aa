package org.callsign.message.codec;

/** The UTF-8 size of a text, without encoding it. */
public final class Utf8 {

    private Utf8() {
    }

    /**
     * The size of {@code text} in UTF-8, as a WebSocket text frame carries it (a lone surrogate,
     * which the encoder replaces by one byte, counts 3: never below the truth).
     */
    public static int size(String text) {
        return (int) Math.min(count(text, Long.MAX_VALUE), Integer.MAX_VALUE);
    }

    /**
     * The UTF-8 length if it is above {@code limit} (counted only until it passes); otherwise
     * some number not above {@code limit}.
     */
    static int length(String text, int limit) {
        int chars = text.length();
        if ((long) chars * 3 <= limit) {
            return chars;
        }
        return (int) Math.min(count(text, limit), Integer.MAX_VALUE);
    }

    /** The UTF-8 length, counted until it passes {@code limit}. */
    private static long count(String text, long limit) {
        int chars = text.length();
        long bytes = 0;
        for (int i = 0; i < chars && bytes <= limit; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < chars
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
