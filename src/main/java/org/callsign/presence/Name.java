package org.callsign.presence;

import java.util.Locale;
import java.util.Optional;

/**
 * A valid user name (docs/protocol.md rule 2) and its case-folded key, under which names are
 * unique (rule 3) and sorted.
 */
public record Name(String display, String key) {

    static final int MAX_LENGTH = 32;

    public static Optional<Name> parse(String raw) {
        if (raw == null || !isValid(raw)) {
            return Optional.empty();
        }
        return Optional.of(new Name(raw, fold(raw)));
    }

    /** Upper then lower case, so that pairs like 'ς'/'σ'/'Σ' fold to one key too. */
    static String fold(String text) {
        return text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static boolean isValid(String raw) {
        int length = raw.codePointCount(0, raw.length());
        return length >= 1 && length <= MAX_LENGTH && raw.codePoints().allMatch(Name::isAllowed);
    }

    private static boolean isAllowed(int codePoint) {
        return Character.isLetterOrDigit(codePoint)
                || codePoint == '_' || codePoint == '-' || codePoint == '.';
    }

    @Override
    public String toString() {
        return display;
    }
}
