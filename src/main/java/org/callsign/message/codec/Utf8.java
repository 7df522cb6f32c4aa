package org.callsign.message.codec;

/** The UTF-8 size of a text, without encoding it. */
final class Utf8 {

    private Utf8() {
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
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }
}
