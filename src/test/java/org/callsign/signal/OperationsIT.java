package org.callsign.signal;

import static org.callsign.support.Messages.candidate;
import static org.callsign.support.Messages.login;
import static org.callsign.support.Messages.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import org.callsign.support.DeployedServerIT;
import org.callsign.support.RawWebSocket;
import org.callsign.support.ServerProbe;
import org.callsign.support.SignalClient;
import org.junit.jupiter.api.Test;

/** Health, metrics and TLS, as an operator and a browser behind https:// see them. */
class OperationsIT extends DeployedServerIT {

    private ServerProbe server() {
        return new ServerProbe(base);
    }

    private String get(String path) {
        HttpResponse<String> response = server().get(path);
        assertEquals(200, response.statusCode(), () -> path + ": " + response.body());
        return response.body();
    }

    private double metric(String name, String label) {
        return server().metric(name, label);
    }

    private double waitForMetric(String name, String label, double expected) throws InterruptedException {
        return server().awaitMetric(name, label, expected, SignalClient.WAIT);
    }

    private JsonObject health(String which) {
        return Json.createReader(new StringReader(get("/health/" + which))).readObject();
    }

    @Test
    void readinessAndLivenessAreUpWhileServing() throws Exception {
        JsonObject ready = health("ready");
        assertEquals("UP", ready.getString("status"), ready::toString);
        assertTrue(ready.toString().contains("signaling-accepting-connections"), ready::toString);
        assertTrue(ready.toString().contains("signaling-store-reachable"), ready::toString);
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
