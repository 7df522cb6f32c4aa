package org.callsign.presence;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.util.Locale;
import java.util.Optional;

/**
 * A valid user name (docs/protocol.md rule 2); its case-folded key, by which names are listed,
 * sorted and searched by prefix (rule 23); and its identity, under which names are unique
 * (rule 3): two names with one identity are the same name, whether they differ in case or only
 * look alike. The identity is a function of the key, so held names have unique keys too.
 */
public record Name(String display, String key, String identity) {

    static final int MAX_LENGTH = 32;
    /**
     * The longest spelling worth comparing (UTF-16 units): a look-alike may spell a letter with
     * several ("rn" for 'm'), but never a 32-letter name with more than this. Longer text names
     * nobody, and is not run through the skeletons, which cost time in proportion to it.
     */
    static final int MAX_SPELLING_CHARS = 8 * MAX_LENGTH;
    private static final int MAX_SKELETON_ROUNDS = 4;

    public static Optional<Name> parse(String raw) {
        if (raw == null || !isValid(raw)) {
            return Optional.empty();
        }
        return Optional.of(new Name(raw, fold(raw), identityOf(raw)));
    }

    /**
     * Whether {@code spelling}, a valid name or not, is this name: the same ignoring case and
     * look-alikes. Asked for every relayed answer and candidate, and clients almost always spell
     * the name as shown, so that is checked first, before the skeletons.
     */
    public boolean is(String spelling) {
        return spelling != null && (spelling.equals(display) || identity.equals(identityOf(spelling)));
    }

    /** Upper then lower case, so that pairs like 'ς'/'σ'/'Σ' fold to one key too. */
    static String fold(String text) {
        return text.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /**
     * UTS #39 skeletons of the spelling in capitals and in small letters, in turn, until the
     * result stays the same: some look-alikes are alike only in capitals (the Latin "ABC" and
     * the Cyrillic "АВС"), others only in small letters ("rn" and "m"), and a skeleton in one
     * case can make a look-alike in the other ('i' in capitals is 'I', whose skeleton is 'l').
     * Each code point of Unicode 16, tried around an 'a', settled within three rounds; the
     * bound only keeps a pathological name from looping. Computed from the fold, so that names with one identity have one key.
     */
    static String identityOf(String spelling) {
        if (spelling.length() > MAX_SPELLING_CHARS) {
            // No name's identity is this long: a marker no held name has, at no cost.
            return "";
        }
        String identity = fold(spelling);
        for (int round = 0; round < MAX_SKELETON_ROUNDS; round++) {
            String capitals = Uts39.skeleton(identity.toUpperCase(Locale.ROOT));
            String next = fold(Uts39.skeleton(fold(capitals)));
            if (next.equals(identity)) {
                break;
            }
            identity = next;
        }
        return identity;
    }

    private static boolean isValid(String raw) {
        int length = raw.codePointCount(0, raw.length());
        return length >= 1 && length <= MAX_LENGTH && raw.codePoints().allMatch(Name::isAllowed)
                && Uts39.isOneScript(raw);
    }

    /**
     * ICU's character data rather than the JDK's, so that letters and skeletons come from one
     * Unicode version. The Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) are letters that
     * show nothing: the only default-ignorable letters, refused like the format characters.
     */
    private static boolean isAllowed(int codePoint) {
        return UCharacter.isLetterOrDigit(codePoint)
                        && !UCharacter.hasBinaryProperty(codePoint, UProperty.DEFAULT_IGNORABLE_CODE_POINT)
                || codePoint == '_' || codePoint == '-' || codePoint == '.';
    }

    @Override
    public String toString() {
        return display;
    }
}
