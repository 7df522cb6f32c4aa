package org.callsign.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The server's CPU samples by layer, from a JFR recording: each execution sample counts for the
 * layer of its innermost frame outside the JDK (a HashMap lookup inside Tyrus is Tyrus's time).
 * Samples entirely inside the JDK (selector waits, thread parking that was caught running) count
 * as "JDK". Prints a Markdown table; run.sh appends it to the results.
 */
final class ProfileLayers {

    /** Package prefixes to layer, first match wins; order from the most specific. */
    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("org.callsign.message", "codecs (message/, codec/)");
        LAYERS.put("org.callsign.presence", "routing (presence/)");
        LAYERS.put("org.callsign.signal", "endpoint, outbox, limits (signal/)");
        LAYERS.put("org.callsign", "other application code");
        LAYERS.put("org.eclipse.yasson", "JSON (JSON-B, JSON-P)");
        LAYERS.put("org.eclipse.parsson", "JSON (JSON-B, JSON-P)");
        LAYERS.put("jakarta.json", "JSON (JSON-B, JSON-P)");
        LAYERS.put("org.glassfish.tyrus", "Tyrus (WebSocket framing, dispatch)");
        LAYERS.put("org.jboss.weld", "CDI (Weld)");
        LAYERS.put("org.glassfish.grizzly", "container I/O (Grizzly, servlet, Payara)");
        LAYERS.put("org.apache.catalina", "container I/O (Grizzly, servlet, Payara)");
        LAYERS.put("org.glassfish", "container I/O (Grizzly, servlet, Payara)");
        LAYERS.put("com.sun.enterprise", "container I/O (Grizzly, servlet, Payara)");
        LAYERS.put("fish.payara", "container I/O (Grizzly, servlet, Payara)");
    }

    private ProfileLayers() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, Integer> samples = new LinkedHashMap<>();
        LAYERS.values().forEach(layer -> samples.put(layer, 0));
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (event.getEventType().getName().equals("jdk.ExecutionSample") && event.getStackTrace() != null) {
                samples.merge(layerOf(event.getStackTrace().getFrames()), 1, Integer::sum);
                total++;
            }
        }
        System.out.println("| layer | samples | share |");
        System.out.println("|---|---|---|");
        for (Map.Entry<String, Integer> layer : samples.entrySet()) {
            if (layer.getValue() > 0) {
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f %% |%n", layer.getKey(), layer.getValue(),
                        100.0 * layer.getValue() / total);
            }
        }
        System.out.printf("%n%d execution samples (JFR samples threads running Java code; GC and JIT compiler threads are not in them).%n", total);
    }

    private static String layerOf(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
                if (type.startsWith(layer.getKey())) {
                    return layer.getValue();
                }
            }
            if (!isJdk(type)) {
                return "other libraries";
            }
        }
        return "JDK only";
    }

    private static boolean isJdk(String type) {
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.") || type.startsWith("sun.")
                || type.startsWith("com.sun.") && !type.startsWith("com.sun.enterprise");
    }
}
