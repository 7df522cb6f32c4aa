package org.callsign.signal;

import java.lang.reflect.Field;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Private fields of Tyrus's classes, for the workarounds that reach into them (TyrusSharedCoders, TyrusClosingHandshake). */
final class TyrusFields {

    private static final Logger LOG = Logger.getLogger(TyrusFields.class.getName());

    private TyrusFields() {
    }

    /** The field, made accessible; null when not on Tyrus, or on a Tyrus without that field, so the caller does nothing. */
    static Field find(String className, String name) {
        try {
            Field field = Class.forName(className).getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "no field " + name + " in " + className + ": not on Tyrus, or another version", e);
            return null;
        }
    }
}
