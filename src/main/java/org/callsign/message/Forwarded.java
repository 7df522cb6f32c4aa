package org.callsign.message;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A server message for a connection here that another instance of a cluster already encoded:
 * its JSON is sent as it is. Not a message type of its own on the wire: {@code kind} is the
 * message's own type, for counting.
 */
public record Forwarded(Class<? extends ServerMessage> kind, String json) implements Outgoing {

    /** Built once: asking the class for its permitted subclasses loads them through the class loader every time. */
    private static final Map<String, Class<? extends ServerMessage>> KINDS = Arrays
            .stream(ServerMessage.class.getPermittedSubclasses())
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, kind -> kind.asSubclass(ServerMessage.class)));

    /** The kind whose simple name is {@code simpleName}, as {@code kind.getSimpleName()} wrote it. */
    public static Class<? extends ServerMessage> kindNamed(String simpleName) {
        Class<? extends ServerMessage> kind = KINDS.get(simpleName);
        if (kind == null) {
            throw new IllegalArgumentException("No server message named " + simpleName);
        }
        return kind;
    }
}
