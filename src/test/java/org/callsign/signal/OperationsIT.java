package org.callsign.signal;

import static org.callsign.support.Messages.candidate;
import static org.callsign.support.Messages.login;
import static org.callsign.support.Messages.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.callsign.support.DeployedServerIT;
import org.callsign.support.RawWebSocket;
import org.callsign.support.SignalClient;
import org.junit.jupiter.api.Test;

/** Health, metrics and TLS, as an operator and a browser behind https:// see them. */
class OperationsIT extends DeployedServerIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The body of a GET on the server's root-relative {@code path}, which must answer 200. */
    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> path + ": " + response.body());
        return response.body();
    }

    /** One sample of the Prometheus text at /metrics; {@code labels} as they appear, e.g. {@code code="busy"}. */
    private double metric(String name, String label) throws Exception {
        String text = get("/metrics");
        Pattern sample = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = sample.matcher(text);
        while (matcher.find()) {
            if (label == null || matcher.group(1).contains(label)) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no sample " + name + " " + label + " in /metrics");
    }

    private JsonObject health(String which) throws Exception {
        String body = get("/health/" + which);
        return Json.createReader(new StringReader(body)).readObject();
    }

    @Test
    void readinessAndLivenessAreUpWhileServing() throws Exception {
        JsonObject ready = health("ready");
        assertEquals("UP", ready.getString("status"), ready::toString);
        assertTrue(ready.toString().contains("signaling-accepting-connections"), ready::toString);
        JsonObject live = health("live");
        assertEquals("UP", live.getString("status"), live::toString);
        assertTrue(live.toString().contains("signaling-deadlines-checked"), live::toString);
    }

    @Test
    void metricsShowTheConnectionsCallsRelaysErrorsAndClosesJustCaused() throws Exception {
        double openBefore = metric("signal_connections_open", null);
        double onlineBefore = metric("signal_users_online", null);
        double ringingBefore = metric("signal_calls", "state=\"ringing\"");
        double offersBefore = metric("signal_messages_relayed_total", "type=\"offer\"");
        double candidatesBefore = metric("signal_messages_relayed_total", "type=\"candidate\"");
        double notFoundBefore = metric("signal_errors_total", "code=\"user-not-found\"");
        double tooBigBefore = metric("signal_closes_total", "reason=\"too-big\"");
        String a = name("meter");
        String b = name("gauge");
        try (SignalClient caller = SignalClient.loggedIn(signal(), a); SignalClient callee = SignalClient.loggedIn(signal(), b)) {
            caller.send(offer(b, "v=0"));
            callee.awaitType("offer");
            caller.send(candidate(b, "c1"));
            caller.send(candidate(b, "c2"));
            callee.awaitType("candidate");
            callee.awaitType("candidate");
            caller.send(offer(name("absent"), "v=0"));
            caller.awaitError("user-not-found");

            assertEquals(openBefore + 2, metric("signal_connections_open", null));
            assertEquals(onlineBefore + 2, metric("signal_users_online", null));
            assertEquals(ringingBefore + 1, metric("signal_calls", "state=\"ringing\""));
            assertEquals(offersBefore + 1, metric("signal_messages_relayed_total", "type=\"offer\""));
            assertEquals(candidatesBefore + 2, metric("signal_messages_relayed_total", "type=\"candidate\""));
            assertEquals(notFoundBefore + 1, metric("signal_errors_total", "code=\"user-not-found\""));

            callee.send("x".repeat(20000));
            callee.awaitClose(SignalClient.WAIT);
            assertEquals(tooBigBefore + 1, waitForMetric("signal_closes_total", "reason=\"too-big\"", tooBigBefore + 1));
            assertEquals(ringingBefore, waitForMetric("signal_calls", "state=\"ringing\"", ringingBefore));
        }
    }

    /** The close is counted when the container reports it, a moment after the client sees it. */
    private double waitForMetric(String name, String label, double expected) throws Exception {
        long deadline = System.nanoTime() + SignalClient.WAIT.toNanos();
        double value = metric(name, label);
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            value = metric(name, label);
        }
        return value;
    }

    @Test
    void aBrowserOnHttpsLogsInOverWss() {
        String httpsPort = System.getProperty("it.https.port", "18181");
        URI wss = URI.create("wss://" + base.getHost() + ":" + httpsPort + "/signal");
        try (RawWebSocket secure = RawWebSocket.open(wss, "https://" + base.getHost() + ":" + httpsPort)) {
            assertEquals(101, secure.status());
            secure.sendText(login(name("tls")).toString());
            RawWebSocket.Frame reply = secure.read(SignalClient.WAIT);
            JsonObject login = Json.createReader(new StringReader(reply.text())).readObject();
            assertTrue(login.getBoolean("success"), login::toString);
        }
    }

    @Test
    void theServerServesThePageAtTheRoot() throws Exception {
        String page = get("").toLowerCase();
        assertTrue(page.contains("<!doctype html") && page.contains("<html"), page);
    }
}
