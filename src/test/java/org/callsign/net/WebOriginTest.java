package org.callsign.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebOriginTest {

    @ParameterizedTest
    @CsvSource({"http://calls.example, http, calls.example, 80", "https://calls.example, https, calls.example, 443",
        "https://Calls.Example:8443, https, calls.example, 8443", "HTTP://calls.example:80, http, calls.example, 80",
        "http://127.0.0.1:8080, http, 127.0.0.1, 8080", "http://[::1]:8080, http, [::1], 8080"})
    void anOriginIsSchemeHostAndPortWithTheDefaultPortWrittenOut(String text, String scheme, String host, int port) {
        assertEquals(Optional.of(new WebOrigin(scheme, host, port)), WebOrigin.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "", "calls.example", "ftp://calls.example", "http://calls.example/",
        "http://calls.example/page", "http://user@calls.example", "http://calls.example?x", "http://calls.example#x",
        "chrome-extension://abcdef", "file:///etc/passwd", "http://"})
    void anythingElseIsNoOrigin(String text) {
        assertTrue(WebOrigin.parse(text).isEmpty(), () -> "read " + text);
    }

    @ParameterizedTest
    @CsvSource({"http, calls.example, http://calls.example:80", "ws, calls.example:80, http://calls.example",
        "https, calls.example, https://calls.example:443", "wss, calls.example:8443, https://calls.example:8443",
        "HTTPS, CALLS.example, https://calls.example"})
    void aRequestsOwnOriginComesFromItsSchemeAndHostHeader(String scheme, String authority, String origin) {
        assertEquals(WebOrigin.parse(origin), WebOrigin.of(scheme, authority));
    }

    @ParameterizedTest
    @CsvSource({"http, calls.example, https://calls.example", "https, calls.example, http://calls.example",
        "http, calls.example:8080, http://calls.example", "https, calls.example:443, https://calls.example:8443",
        "http, calls.example, http://evil.example"})
    void schemeHostAndPortMustAllMatch(String scheme, String authority, String origin) {
        assertTrue(!WebOrigin.of(scheme, authority).equals(WebOrigin.parse(origin)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"calls.example/path", "user@calls.example", "", "calls.example:port"})
    void aHostHeaderThatIsNoAuthorityGivesNoOrigin(String authority) {
        assertTrue(WebOrigin.of("http", authority).isEmpty(), () -> "read " + authority);
    }
}
