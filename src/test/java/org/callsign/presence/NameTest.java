package org.callsign.presence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameTest {

    private static String key(String raw) {
        return Name.parse(raw).orElseThrow(() -> new AssertionError(raw + " should be valid")).key();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "alice", "Bob_42", "x-y.z", "J\u00fcrgen", "\u540d\u524d", "\u03a9mega",
        "\u0663\u0664", "____", "...", "-", "abcdefghijklmnopqrstuvwxyz012345"})
    void lettersAndDigitsOfAnyScriptWithUnderscoreDashAndDotAreValid(String raw) {
        assertEquals(Optional.of(raw), Name.parse(raw).map(Name::display));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", " alice", "alice ", "tab\tbed", "new\nline", "nul\u0000",
        "a@b", "a/b", "<b>", "a:b", "quote\"", "zero\u200bwidth", "nbsp\u00a0x", "\u202eevil",
        "abcdefghijklmnopqrstuvwxyz0123456"})
    void anythingElseIsInvalid(String raw) {
        assertTrue(Name.parse(raw).isEmpty(), () -> "accepted " + raw);
    }

    @Test
    void nullIsInvalid() {
        assertTrue(Name.parse(null).isEmpty());
    }

    @Test
    void theLengthCountsCodePointsNotUtf16Units() {
        String letter = "\uD835\uDC9C";
        assertTrue(Name.parse(letter.repeat(32)).isPresent());
        assertTrue(Name.parse(letter.repeat(33)).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"alice,ALICE", "Alice,aLiCe", "stra\u00dfe,STRASSE", "\u039f\u0394\u039f\u03a3,\u03bf\u03b4\u03bf\u03c3",
        "\u03bf\u03b4\u03bf\u03c2,\u03bf\u03b4\u03bf\u03c3"})
    void namesDifferingOnlyInCaseShareOneKey(String one, String other) {
        assertEquals(key(one), key(other));
    }

    @Test
    void differentNamesHaveDifferentKeys() {
        assertNotEquals(key("alice"), key("alice2"));
        assertNotEquals(key("a.b"), key("a-b"));
    }

    @Test
    void theDisplayKeepsTheCaseAsTyped() {
        assertEquals("AlIcE", Name.parse("AlIcE").orElseThrow().display());
    }
}
