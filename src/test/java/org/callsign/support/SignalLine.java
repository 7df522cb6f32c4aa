package org.callsign.support;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A page's signaling sockets, passed through the test on their way to the server, so the test
 * can hold the server's offers back or cut the line.
 */
public final class SignalLine {

    private static final Pattern SIGNAL = Pattern.compile(".*/signal$");
    private static final Pattern OFFER = Pattern.compile("\"type\"\\s*:\\s*\"offer\"");

    private final List<String> heldOffers = new ArrayList<>();
    private boolean holdingOffers;
    private WebSocketRoute pageSide;

    private SignalLine() {
    }

    /** Routes the sockets {@code page} opens from now on. */
    static SignalLine through(Page page) {
        SignalLine line = new SignalLine();
        page.routeWebSocket(SIGNAL, line::connect);
        // Playwright routes the sockets of documents loaded after the route was set.
        page.reload();
        return line;
    }

    private void connect(WebSocketRoute page) {
        pageSide = page;
        WebSocketRoute server = page.connectToServer();
        server.onMessage(frame -> {
            if (holdingOffers && OFFER.matcher(frame.text()).find()) {
                heldOffers.add(frame.text());
            } else {
                page.send(frame.text());
            }
        });
    }

    public void holdOffers() {
        holdingOffers = true;
    }

    public void deliverOffers() {
        holdingOffers = false;
        heldOffers.forEach(pageSide::send);
        heldOffers.clear();
    }

    /**
     * The page's socket closes under it, not by its own doing. Playwright closes the server's
     * end too, so the server frees the name at once; the takeover of a name whose old socket
     * the server still holds is what the duplicated-tab test covers.
     */
    public void cut() {
        pageSide.close();
    }
}
