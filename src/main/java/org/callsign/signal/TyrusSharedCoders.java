package org.callsign.signal;

import jakarta.websocket.Decoder;
import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.callsign.message.codec.ServerJson;
import org.glassfish.tyrus.core.ComponentProvider;

/**
 * Lets every connection share one instance of each of the application's decoders (the server
 * sends text it encoded itself, see SessionOutbox, so it declares no encoders).
 * Tyrus 2.1.5 asks its component providers for each coder of each session, and on Payara the
 * first of them is Tyrus's CDI provider, which builds every coder through a Weld injection target
 * and keeps it for the session: a class histogram of 13,000 idle sessions showed about 11 such
 * coders per connection and 4-5 KB of Weld objects for them (reflective Constructor copies,
 * CreationalContextImpl, BeanInjectionTarget, Tyrus's CdiInjectionContext), an eighth of what a
 * connection costs. The application's coders hold no state of a connection and need no
 * injection, so a provider placed first hands out one shared instance of each.
 *
 * <p>On any other WebSocket implementation, or a Tyrus whose fields differ, this does nothing and
 * every coder is built as the container likes.
 */
final class TyrusSharedCoders {

    private static final Logger LOG = Logger.getLogger(TyrusSharedCoders.class.getName());
    private static final String CODECS = ServerJson.class.getPackageName();
    private static final Field ENDPOINT = TyrusFields.find("org.glassfish.tyrus.core.TyrusSession", "endpointWrapper");
    private static final Field COMPONENTS = TyrusFields.find("org.glassfish.tyrus.core.TyrusEndpointWrapper", "componentProvider");
    private static final Field PROVIDERS = TyrusFields.find("org.glassfish.tyrus.core.ComponentProviderService", "providers");

    private TyrusSharedCoders() {
    }

    /** Puts the shared provider first for the endpoint of {@code session}, once. */
    static void install(Session session) {
        if (ENDPOINT == null || COMPONENTS == null || PROVIDERS == null
                || !ENDPOINT.getDeclaringClass().isInstance(session)) {
            return;
        }
        try {
            Object components = COMPONENTS.get(ENDPOINT.get(session));
            synchronized (TyrusSharedCoders.class) {
                List<?> providers = (List<?>) PROVIDERS.get(components);
                if (!providers.isEmpty() && providers.get(0) instanceof Shared) {
                    return;
                }
                List<Object> sharedFirst = new ArrayList<>(providers.size() + 1);
                sharedFirst.add(new Shared());
                sharedFirst.addAll(providers);
                PROVIDERS.set(components, Collections.unmodifiableList(sharedFirst));
            }
        } catch (IllegalAccessException | RuntimeException | LinkageError e) {
            LOG.log(Level.FINE, "cannot share the coders on this Tyrus", e);
        }
    }

    /** One instance of each of the application's coders, for every session. */
    private static final class Shared extends ComponentProvider {

        private final Map<Class<?>, Object> instances = new ConcurrentHashMap<>();

        @Override
        public boolean isApplicable(Class<?> type) {
            return Decoder.class.isAssignableFrom(type) && type.getPackageName().equals(CODECS);
        }

        @Override
        public <T> Object create(Class<T> type) {
            return instances.computeIfAbsent(type, Shared::instantiate);
        }

        /** Nothing to destroy: the instance outlives the session. True for ours, so no other provider tries. */
        @Override
        public boolean destroy(Object instance) {
            return instance != null && instances.get(instance.getClass()) == instance;
        }

        private static Object instantiate(Class<?> type) {
            try {
                return type.getDeclaredConstructor().newInstance();
            } catch (InvocationTargetException | InstantiationException | IllegalAccessException
                     | NoSuchMethodException e) {
                throw new IllegalStateException("cannot build " + type.getName(), e);
            }
        }
    }
}
