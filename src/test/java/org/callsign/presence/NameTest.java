package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameTest {

    private static Name valid(String raw) {
        return Name.parse(raw).orElseThrow(() -> new AssertionError(raw + " should be valid"));
    }

    private static void assertInvalid(String raw) {
        assertTrue(Name.parse(raw).isEmpty(), () -> "accepted " + raw + " " + raw.codePoints()
                .mapToObj(codePoint -> String.format("U+%04X", codePoint)).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Bob_42", "x-y.z", "J\u00fcrgen", "\u540d\u524d", "\u03a9\u03bc\u03ad\u03b3\u03b1",
        "\u0663\u0664", "____", "...", "-", "abcdefghijklmnopqrstuvwxyz012345"})
    void lettersAndDigitsOfAnyScriptWithUnderscoreDashAndDotAreValid(String raw) {
        assertEquals(Optional.of(raw), Name.parse(raw).map(Name::display));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", " alice", "alice ", "tab\tbed", "new\nline", "nul\u0000",
        "a@b", "a/b", "<b>", "a:b", "quote\"", "zero\u200bwidth", "nbsp\u00a0x", "\u202eevil",
        "abcdefghijklmnopqrstuvwxyz0123456"})
    void anythingElseIsInvalid(String raw) {
        assertInvalid(raw);
    }

    @Test
    void nullIsInvalid() {
        assertTrue(Name.parse(null).isEmpty());
    }

    @Test
    void theLengthCountsCodePointsNotUtf16Units() {
        String letter = "\uD840\uDC00";
        assertTrue(Name.parse(letter.repeat(32)).isPresent());
        assertTrue(Name.parse(letter.repeat(33)).isEmpty());
        assertTrue(Name.parse("\uD835\uDC9C".repeat(32)).isPresent(), "a letter outside the BMP of no script");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u3164", "\u1160", "\u115f", "\uffa0", "a\u3164b", "\u3164\u3164", "\ud55c\u3164\uae00",
        "\u2800", "soft\u00adhyphen", "word\u2060joiner", "bom\ufeff", "zw\u200cnj", "zw\u200dj", "mongol\u180e",
        "lrm\u200e", "arabic\u061cmark"})
    void fillerAndFormatCharactersAreInvalidEvenWhereUnicodeCallsThemLetters(String raw) {
        assertInvalid(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"p\u0430ypal", "\u0430lice", "\u0391lice", "\u0440aypal", "\ud55c\uae00\u3072\u3089",
        "abc\u0663", "\u0627\u0644\u0633abc", "\u05d0b", "\u0430\u03b1", "\u03a9mega"})
    void lettersOfTwoScriptsAreInvalid(String raw) {
        assertInvalid(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u5c71\u7530\u305f\u308d\u3046\u30ab\u30bf", "\u30b9\u30ba\u30ad\u30fc", "\u6f22\u5b57\ud55c\uae00",
        "\u738b\u3105\u3106", "Taro\u5c71\u7530", "\u0430\u0440\u0435", "\u0391\u03bb\u03b9\u03ba\u03b7",
        "\u0627\u0644\u0633\u0644\u0627\u0645\u0663"})
    void oneScriptOrAMixUts39CountsAsOneIsValid(String raw) {
        valid(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0430\u0440\u0435_1", "\u0391\u03bb\u03b9\u03ba\u03b7-2.0", "\u540d\u524d_42",
        "\u0627\u0644\u0633\u0644\u0627\u0645.9", "\u5c71\u7530-\u305f\u308d\u3046_7"})
    void asciiDigitsAndUnderscoreDashDotGoWithAnyScript(String raw) {
        valid(raw);
    }

    @ParameterizedTest
    @CsvSource({"alice,ALICE", "Alice,aLiCe", "stra\u00dfe,STRASSE", "\u039f\u0394\u039f\u03a3,\u03bf\u03b4\u03bf\u03c3",
        "\u03bf\u03b4\u03bf\u03c2,\u03bf\u03b4\u03bf\u03c3"})
    void namesDifferingOnlyInCaseShareOneKeyAndOneIdentity(String one, String other) {
        assertEquals(valid(one).key(), valid(other).key());
        assertEquals(valid(one).identity(), valid(other).identity());
    }

    @ParameterizedTest
    @CsvSource({"ape,\u0430\u0440\u0435", "cap,\u0441\u0430\u0440", "xop,\u0445\u043e\u0440", "paypal,paypa1",
        "bob,B0B", "ABC,\u0410\u0412\u0421", "BOB,\u0392\u039f\u0392", "mary,rnary", "alice,\uff41\uff4c\uff49\uff43\uff45",
        "alice,\ud835\udcb6\ud835\udcc1\ud835\udcbe\ud835\udcb8\u212f", "stra\u00dfe,STRA\u1e9eE", "ian,lan"})
    void lookAlikesAreOneNameWhateverTheirKeys(String one, String other) {
        assertNotEquals(valid(one).key(), valid(other).key());
        assertEquals(valid(one).identity(), valid(other).identity());
    }

    @ParameterizedTest
    @CsvSource({"Ape,\u0410\u0420\u0415", "PayPal,\u0440\u0430\u0443\u0440\u0430I", "Bob,b0B"})
    void caseAndLookAlikesTogetherAreOneName(String one, String other) {
        Name name = Name.parse(one).orElseThrow();
        assertTrue(name.is(other), () -> other + " is " + one);
    }

    @Test
    void differentNamesHaveDifferentIdentities() {
        assertNotEquals(valid("alice").identity(), valid("alice2").identity());
        assertNotEquals(valid("a.b").identity(), valid("a-b").identity());
        assertNotEquals(valid("a_b").identity(), valid("a-b").identity());
        assertNotEquals(valid("bob").identity(), valid("bab").identity());
        assertNotEquals(valid("\u5c71\u7530").identity(), valid("\u7530\u5c71").identity());
    }

    @Test
    void aSpellingIsTheNameIgnoringCaseAndLookAlikesEvenWhenItIsNoValidName() {
        Name alice = valid("alice");
        assertTrue(alice.is("ALICE"));
        assertTrue(alice.is("\u0430lice"), "mixed scripts, so nobody's name, but it reads alice");
        assertFalse(alice.is("bob"));
        assertFalse(alice.is("alice "));
        assertFalse(alice.is("a".repeat(Name.MAX_SPELLING_CHARS + 1)), "longer than any spelling of a name");
        assertFalse(alice.is(null));
    }

    @Test
    void theDisplayKeepsTheCaseAsTypedAndTheKeyIsItsFold() {
        Name name = valid("AlIcE");
        assertEquals("AlIcE", name.display());
        assertEquals("alice", name.key());
    }
}
