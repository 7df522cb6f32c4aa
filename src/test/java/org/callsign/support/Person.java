package org.callsign.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Someone using the page in a browser tab of their own: what they do (sign in, call, accept,
 * hang up) and what they can see, plus what the page's peer connection really did, read from
 * {@code getStats()} through the instrumentation script.
 */
public final class Person {

    private static final double WAIT_MS = 10_000;
    private static final Pattern SOME_TEXT = Pattern.compile("\\S");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([a-z]+)\"");

    private final BrowserContext context;
    // Shared by the tabs of one person.
    private final List<String> consoleErrors;
    private final Set<String> expectedConsoleErrors = new HashSet<>();
    private final Page page;
    /** How many frames of each type this tab has sent, as the browser's WebSockets saw them leave. */
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private String name;

    private Person(BrowserContext context, Page page, String name, List<String> consoleErrors) {
        this.context = context;
        this.page = page;
        this.name = name;
        this.consoleErrors = consoleErrors;
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                consoleErrors.add(message.text());
            }
        });
        page.onPageError(error -> consoleErrors.add("uncaught: " + error));
        page.onWebSocket(socket -> socket.onFrameSent(frame -> {
            Matcher type = TYPE.matcher(frame.text());
            if (type.find()) {
                sent.computeIfAbsent(type.group(1), counted -> new AtomicInteger()).incrementAndGet();
            }
        }));
    }

    static {
        // What the page shows may wait on the server's clocks (a ring timeout, a resume window).
        PlaywrightAssertions.setDefaultAssertionTimeout(WAIT_MS);
    }

    /** A new tab at {@code url}; with {@code ownClock}, its clock moves on only when the test says so (see {@link #clockRunsOn}). */
    static Person open(Browser browser, String url, String instrument, boolean ownClock) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setPermissions(List.of("camera", "microphone", "notifications")));
        context.setDefaultTimeout(WAIT_MS);
        context.addInitScript(instrument);
        if (ownClock) {
            context.clock().install();
        }
        Person person = new Person(context, context.newPage(), null, new CopyOnWriteArrayList<>());
        person.page.navigate(url);
        return person;
    }

    /** The same person opening the page again in a new tab, which starts with a copy of this tab's sessionStorage. */
    public Person duplicateTab() {
        Page copy = context.waitForPage(() -> page.evaluate("() => { window.open(location.href); }"));
        return new Person(context, copy, name, consoleErrors);
    }

    public String name() {
        return name;
    }

    public Person signIn(String name) {
        submitName(name);
        this.name = name;
        seesSignedIn();
        return this;
    }

    /** Back at the sign-in form, told why next to the name field. */
    public void seesSignedOut(String why) {
        assertThat(page.locator("#signin")).isVisible();
        assertThat(page.locator("#name-error")).hasText(why);
    }

    public void seesSignedIn() {
        assertThat(page.locator("#lobby")).isVisible();
        assertThat(page.locator("#my-name")).hasText(name);
    }

    /** Tries to sign in as {@code name}, expecting a refusal; returns what the page says next to the field. */
    public String signInRefused(String name) {
        submitName(name);
        Locator error = page.locator("#name-error");
        assertThat(error).hasText(SOME_TEXT);
        assertThat(page.locator("#lobby")).isHidden();
        return error.textContent();
    }

    private void submitName(String name) {
        page.getByLabel("Your name").fill(name);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
    }

    /** Finds {@code other} in the searchable list of who is online and clicks them. */
    public void call(Person other) {
        page.getByLabel("Search people").fill(other.name());
        button("Call " + other.name()).click();
    }

    /** Calls by typing the name. */
    public void dial(String name) {
        page.getByLabel("Call by name").fill(name);
        button("Call").click();
    }

    public void accept() {
        button("Accept").click();
    }

    public void decline() {
        button("Decline").click();
    }

    public void cancel() {
        button("Cancel").click();
    }

    public void hangUp() {
        button("Hang up").click();
    }

    public void mute() {
        button("Mute").click();
    }

    public void turnCameraOff() {
        button("Camera off").click();
    }

    public void signOut() {
        button("Sign out").click();
        assertThat(page.locator("#signin")).isVisible();
    }

    /** Waits until the call is in {@code state} (idle, calling, ringing, connecting, in-call). */
    public void sees(String state) {
        assertThat(page.locator("body")).hasAttribute("data-call", state);
    }

    public void seesCallTitle(String title) {
        assertThat(page.locator("#call-title")).hasText(title);
    }

    /** Waits until the call has ended (idle again) with {@code message} shown in the lobby. */
    public void seesCallEnded(String message) {
        sees("idle");
        assertThat(page.locator("#lobby")).isVisible();
        assertThat(page.locator("#call-notice")).hasText(message);
    }

    /** {@code other} appears in the list of who is online as it is shown, without searching. */
    public void seesListed(Person other) {
        assertThat(button("Call " + other.name())).isVisible();
    }

    public void seesNotListed(Person other) {
        assertThat(button("Call " + other.name())).isHidden();
    }

    public void seesOnline(Person other) {
        page.getByLabel("Search people").fill(other.name());
        assertThat(button("Call " + other.name())).isVisible();
    }

    /** {@code other} is listed among who is online, marked busy (in a call or away). */
    public void seesBusy(Person other) {
        page.getByLabel("Search people").fill(other.name());
        assertThat(button("Call " + other.name() + ", busy now")).hasText(other.name() + " (busy)");
    }

    /** The line about the call's health ("Reconnecting…"); empty: none shown. */
    public void seesCallNote(String text) {
        Locator note = page.locator("#call-note");
        if (text.isEmpty()) {
            assertThat(note).isHidden();
        } else {
            assertThat(note).hasText(text);
        }
    }

    public void seesNoBanner() {
        assertThat(page.locator("#connection")).isHidden();
    }

    public void seesQuality(Pattern line) {
        assertThat(page.locator("#quality")).hasText(line);
    }

    public int framesDecoded() {
        return ((Number) page.evaluate("() => __test.framesDecoded()")).intValue();
    }

    /** Waits until this side's connection has decoded more than {@code frames} video frames. */
    public void awaitFramesDecodedAbove(int frames) {
        page.waitForFunction("async (frames) => (await __test.framesDecoded()) > frames", frames,
                new Page.WaitForFunctionOptions().setPollingInterval(50));
    }

    public void watchFirstFrame() {
        page.evaluate("() => __test.watchFirstFrame()");
    }

    /** The wall-clock time (ms) of the first decoded frame since {@link #watchFirstFrame()}. */
    public long firstFrameAt() {
        return ((Number) page.evaluate("() => __test.firstFrame()")).longValue();
    }

    public boolean remoteVideoIsReceived() {
        return (Boolean) page.evaluate("() => __test.remoteVideoIsReceived()");
    }

    /** The state of each AudioContext the page made ("running", "suspended", "closed"), oldest first. */
    @SuppressWarnings("unchecked")
    public List<String> audioContextStates() {
        return (List<String>) page.evaluate("() => __test.audioStates()");
    }

    /** Waits until the newest AudioContext the page made is in {@code state}. */
    public void awaitNewestAudioContext(String state) {
        page.waitForFunction("(state) => __test.audioStates().at(-1) === state", state,
                new Page.WaitForFunctionOptions().setPollingInterval(50));
    }

    /** The titles of the system notifications the page showed. */
    @SuppressWarnings("unchecked")
    public List<String> notificationsShown() {
        return (List<String>) page.evaluate("() => __test.notifications()");
    }

    /** Waits until the tab's title is {@code title}. */
    public void seesTabTitle(String title) {
        assertThat(page).hasTitle(title);
    }

    /** The tab's title once {@code ms} more of the test's time has passed. */
    public String tabTitleAfter(double ms) {
        page.waitForTimeout(ms);
        return page.title();
    }

    /** Presses {@code key} on whatever has the keyboard focus. */
    public void press(String key) {
        page.keyboard().press(key);
    }

    /** A missed call from {@code caller} is listed in the lobby. */
    public void seesMissedCallFrom(Person caller) {
        assertThat(page.locator("#missed li", new Page.LocatorOptions().setHasText("Missed call from " + caller.name())))
                .isVisible();
    }

    public void seesNoMissedCall() {
        assertThat(page.locator("#missed li")).hasCount(0);
    }

    public void callBack(Person caller) {
        button("Call back " + caller.name()).click();
    }

    public void dismissMissedCallFrom(Person caller) {
        button("Dismiss missed call from " + caller.name()).click();
    }

    /** The element that has the keyboard focus is the button named {@code label}. */
    public void hasFocusOn(String label) {
        assertThat(button(label)).isFocused();
    }

    public int camerasStarted() {
        return ((Number) page.evaluate("() => __test.camerasStarted()")).intValue();
    }

    /** Every camera and microphone track the page ever started has been stopped. */
    public boolean camerasReleased() {
        return (Boolean) page.evaluate("() => __test.camerasReleased()");
    }

    /** Whether the camera's tracks of {@code kind} ("audio" or "video") send anything. */
    public boolean sends(String kind) {
        return (Boolean) page.evaluate("(kind) => __test.sends(kind)", kind);
    }

    @SuppressWarnings("unchecked")
    public List<String> selectedCandidateTypes() {
        return (List<String>) page.evaluate("() => __test.selectedPair()");
    }

    /** What the browser logged as errors for this person's tabs, less those the test expected. */
    public List<String> unexpectedConsoleErrors() {
        return consoleErrors.stream().filter(error -> expectedConsoleErrors.stream().noneMatch(error::contains)).toList();
    }

    /** A console error this test causes on purpose, by its text or a part of it. */
    public void expectConsoleError(String text) {
        expectedConsoleErrors.add(text);
    }

    /**
     * What becomes of a WebSocket the page opens to {@code url}: "open", "blocked" by the page's
     * Content-Security-Policy (which fires a securitypolicyviolation event), or "failed" otherwise.
     */
    public String openSocket(String url) {
        return (String) page.evaluate("(url) => new Promise(resolve => {"
                + "  document.addEventListener('securitypolicyviolation',"
                + "      event => { if (event.blockedURI.startsWith(url)) resolve('blocked'); });"
                + "  const socket = new WebSocket(url);"
                + "  socket.onopen = () => { socket.close(); resolve('open'); };"
                // The violation event may come after the failure: give it a moment.
                + "  socket.onerror = () => setTimeout(() => resolve('failed'), 500);"
                + "})", url);
    }

    /** From now on the page's connections fail, as if the server were down. */
    public void loseServer() {
        context.setOffline(true);
    }

    /** Passes the sockets this page opens from now on through the test (call before signing in). */
    public SignalLine routeSignaling() {
        return SignalLine.through(page);
    }

    /** How many times this tab has asked the server who is online, counted after {@code ms} more of the test's time. */
    public int peopleAskedAfter(double ms) {
        page.waitForTimeout(ms);
        return sent("users");
    }

    /** Waits until this tab has asked who is online more than {@code times} times. */
    public void awaitPeopleAskedMoreThan(int times) {
        page.waitForCondition(() -> sent("users") > times);
    }

    /** How many {@code type} frames this tab has sent so far. */
    public int sent(String type) {
        AtomicInteger count = sent.get(type);
        return count == null ? 0 : count.get();
    }

    /** Waits until this tab has sent more than {@code times} frames of {@code type}. */
    public void awaitSentMoreThan(String type, int times) {
        page.waitForCondition(() -> sent(type) > times);
    }

    /**
     * Moves the tab's clock on by {@code time} at once, firing the timers that fall due on the way
     * (each at most once): for a page opened with a clock of its own.
     */
    public void clockRunsOn(Duration time) {
        page.clock().fastForward(time.toMillis());
    }

    /** The tab's Date.now(). */
    public long clockNow() {
        return ((Number) page.evaluate("() => Date.now()")).longValue();
    }

    private static final String TURN_USERNAME =
            "__pcs.at(-1).getConfiguration().iceServers.find((server) => server.username).username";

    /** The TURN username (EXPIRY:NAME) the call's peer connection is configured with now. */
    public String turnUsernameInUse() {
        return (String) page.evaluate("() => " + TURN_USERNAME);
    }

    /** Waits until the call's peer connection is configured with a TURN username other than {@code old}, and returns it. */
    public String awaitTurnUsernameOtherThan(String old) {
        return (String) page.waitForFunction("(old) => " + TURN_USERNAME + " !== old && " + TURN_USERNAME, old,
                new Page.WaitForFunctionOptions().setPollingInterval(50)).jsonValue();
    }

    /** Starts timing the pauses between frames this side decodes (see {@link #longestFrameGapMs}). */
    public void watchFrameGaps() {
        page.evaluate("() => __test.watchFrameGaps()");
    }

    /** The longest time, in ms, without a newly decoded frame since {@link #watchFrameGaps}, a pause still going on included. */
    public long longestFrameGapMs() {
        return ((Number) page.evaluate("() => __test.longestFrameGap()")).longValue();
    }

    /**
     * The tab is hidden, as when another tab comes to the front: document.visibilityState says
     * "hidden" and visibilitychange fires. Told to the page from here because headless Chromium
     * under Playwright keeps every page visible (tried: another tab brought to the front, the
     * window minimized through CDP's Browser.setWindowBounds, focus emulation off).
     */
    public void hide() {
        page.evaluate("""
                () => {
                  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
                  document.dispatchEvent(new Event('visibilitychange'));
                }""");
    }

    /** The tab is visible again: the browser's own visibilityState shows through, and visibilitychange fires. */
    public void show() {
        page.evaluate("""
                () => {
                  delete document.visibilityState;
                  document.dispatchEvent(new Event('visibilitychange'));
                }""");
    }

    public void reload() {
        page.reload();
    }

    public void closeTab() {
        page.close();
    }

    void closeContext() {
        context.close();
    }

    private Locator button(String label) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(label).setExact(true));
    }
}
