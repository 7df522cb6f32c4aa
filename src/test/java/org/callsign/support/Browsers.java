package org.callsign.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One headless Chromium with a fake camera and microphone, from which each person in a test
 * gets a browser context of their own (own storage, own permissions, own tabs).
 */
public final class Browsers implements AutoCloseable {

    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu",
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            // Loopback is the only interface on a test machine; WebRTC skips it otherwise.
            "--allow-loopback-in-peer-connection",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;
    private final String instrument;
    private final List<Person> people = new ArrayList<>();

    private Browsers(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
        this.instrument = resource("/browser/instrument.js");
    }

    /** Chromium from the machine; skips (or under CI=true fails) when it is not installed. */
    public static Browsers launch() {
        var chromium = RequiredTool.require("/usr/bin/chromium", "chromium");
        Playwright playwright = Playwright.create();
        Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(chromium).setHeadless(true).setArgs(FLAGS));
        return new Browsers(playwright, browser);
    }

    /** A new person with the page open at {@code base} plus {@code query} (e.g. "?test=1"). */
    public Person open(URL base, String query) {
        return open(base, query, false);
    }

    /** As {@link #open}, in a tab whose clock the test moves on ({@link Person#clockRunsOn}). */
    public Person openWithOwnClock(URL base, String query) {
        return open(base, query, true);
    }

    private Person open(URL base, String query, boolean ownClock) {
        Person person = Person.open(browser, base.toString() + query, instrument, ownClock);
        people.add(person);
        return person;
    }

    /** The unexpected console errors of everyone opened since the last {@link #closeAll()}, by name. */
    public List<String> unexpectedConsoleErrors() {
        return people.stream().flatMap(person -> person.unexpectedConsoleErrors().stream()
                .map(error -> person.name() + ": " + error)).toList();
    }

    /** Closes everyone opened since the last call: each test starts with no one signed in. */
    public void closeAll() {
        people.forEach(Person::closeContext);
        people.clear();
    }

    @Override
    public void close() {
        closeAll();
        browser.close();
        playwright.close();
    }

    private static String resource(String name) {
        try (InputStream in = Browsers.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
