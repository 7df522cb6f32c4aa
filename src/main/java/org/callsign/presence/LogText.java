package org.callsign.presence;

/** Quotes user-supplied text for a log line, so that no name can forge or break a line. */
public final class LogText {

    private static final int MAX_SHOWN = 40;

    private LogText() {
    }

    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        text.codePoints().limit(MAX_SHOWN).forEach(codePoint -> {
            if (codePoint == '"' || codePoint == '\\') {
                quoted.append('\\').appendCodePoint(codePoint);
            } else if (Character.isISOControl(codePoint) || !Character.isDefined(codePoint)
                    || Character.getType(codePoint) == Character.LINE_SEPARATOR
                    || Character.getType(codePoint) == Character.PARAGRAPH_SEPARATOR) {
                quoted.append(String.format("\\u%04x", codePoint));
            } else {
                quoted.appendCodePoint(codePoint);
            }
        });
        if (text.codePointCount(0, text.length()) > MAX_SHOWN) {
            quoted.append('\u2026');
        }
        return quoted.append('"').toString();
    }
}
