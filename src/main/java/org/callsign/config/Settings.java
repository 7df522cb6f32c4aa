package org.callsign.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads a setting by its docs/protocol.md key ({@code signal.max-sessions}). Where the server has
 * MicroProfile Config (Payara) the value comes from there: a system property, an environment
 * variable in upper case with '.' and '-' as '_', or microprofile-config.properties. A Jakarta
 * EE server without MicroProfile (GlassFish) still reads the system property or the
 * environment variable under the same names, so the same WAR deploys to both unchanged.
 */
public final class Settings {

    private static final boolean MICROPROFILE = onClassPath("org.eclipse.microprofile.config.ConfigProvider");

    private Settings() {
    }

    /** The value of {@code key}, if set and not blank. */
    public static Optional<String> text(String key) {
        Optional<String> value = MICROPROFILE ? MicroProfile.read(key) : fromSystem(key);
        return value.map(String::trim).filter(text -> !text.isEmpty());
    }

    /** {@code true} or {@code false}, in any case; anything else is refused rather than read as false. */
    public static boolean flag(String key, boolean defaultValue) {
        Optional<String> value = text(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        String word = value.get().toLowerCase(Locale.ROOT);
        if (!word.equals("true") && !word.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, not \"" + value.get() + "\"");
        }
        return Boolean.parseBoolean(word);
    }

    public static int integer(String key, int defaultValue) {
        long value = number(key, defaultValue);
        if (value != (int) value) {
            throw new IllegalArgumentException(key + " must be at most " + Integer.MAX_VALUE + ", not " + value);
        }
        return (int) value;
    }

    public static long number(String key, long defaultValue) {
        Optional<String> value = text(key);
        try {
            return value.map(Long::parseLong).orElse(defaultValue);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not \"" + value.get() + "\"", e);
        }
    }

    /** A comma-separated value as its items, trimmed; empty when unset. */
    public static List<String> list(String key) {
        return text(key).stream()
                .flatMap(text -> Arrays.stream(text.split(",")))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    private static Optional<String> fromSystem(String key) {
        String value = System.getProperty(key);
        if (value == null) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return Optional.ofNullable(value);
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, Settings.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Apart, so that MicroProfile's types are loaded only on a server that has them. */
    private static final class MicroProfile {

        static Optional<String> read(String key) {
            return ConfigProvider.getConfig().getOptionalValue(key, String.class);
        }
    }
}
