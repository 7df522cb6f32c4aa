package org.callsign.presence;

import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.SpoofChecker.RestrictionLevel;

/**
 * What Unicode's security mechanisms (UTS #39) say about a name, as ICU4J's SpoofChecker
 * implements them with the confusables and script data of its Unicode version: whether its
 * letters come from one script, and its confusable skeleton. ICU's rather than our own tables,
 * because both change with every Unicode version.
 */
final class Uts39 {

    /**
     * Built once: loading the data is the expensive part, and a built SpoofChecker is immutable,
     * so one serves every thread. Highly Restrictive counts Han with Hiragana and Katakana, with
     * Hangul, or with Bopomofo as one script, and lets Latin join those (UTS #39 section 5.2).
     */
    private static final SpoofChecker CHECKER = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL)
            .setRestrictionLevel(RestrictionLevel.HIGHLY_RESTRICTIVE)
            .build();

    private Uts39() {
    }

    /**
     * Whether the letters of {@code text} are of one script at the Highly Restrictive level.
     * Characters that many scripts share (ASCII digits, {@code _ - .}) count with any; digits
     * of one script's own, such as the Arabic-Indic ones, count as that script.
     */
    static boolean isOneScript(String text) {
        return !CHECKER.failsChecks(text);
    }

    /** The skeleton: equal for strings that look alike, such as the Latin "ape" and the Cyrillic "аре". */
    static String skeleton(String text) {
        return CHECKER.getSkeleton(text);
    }
}
