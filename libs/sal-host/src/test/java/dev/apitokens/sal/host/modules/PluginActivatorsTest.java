package dev.apitokens.sal.host.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

class PluginActivatorsTest {

    static final List<String> CALLS = new ArrayList<>();

    public static final class First implements BundleActivator {
        @Override
        public void start(BundleContext context) {
            CALLS.add("start first");
        }

        @Override
        public void stop(BundleContext context) {
            CALLS.add("stop first");
        }
    }

    public static final class Second implements BundleActivator {
        @Override
        public void start(BundleContext context) {
            CALLS.add("start second");
        }

        @Override
        public void stop(BundleContext context) {
            CALLS.add("stop second");
        }
    }

    public static final class Failing implements BundleActivator {
        @Override
        public void start(BundleContext context) {
            throw new IllegalStateException("cannot start");
        }

        @Override
        public void stop(BundleContext context) {
            CALLS.add("stop failing");
        }
    }

    @BeforeEach
    void clear() {
        CALLS.clear();
    }

    private static BundleContext contextWithHeader(String value) {
        Hashtable<String, String> headers = new Hashtable<>();
        if (value != null) {
            headers.put(PluginActivators.HEADER, value);
        }
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
                (proxy, method, args) -> method.getName().equals("getHeaders") ? headers : null);
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] { BundleContext.class },
                (proxy, method, args) -> method.getName().equals("getBundle") ? bundle : null);
    }

    @Test
    void startsInTheOrderTheManifestGivesAndStopsInReverse() throws Exception {
        BundleContext context = contextWithHeader(First.class.getName() + " , " + Second.class.getName());
        PluginActivators activators = new PluginActivators();
        activators.start(context);
        activators.stop(context);
        assertEquals(List.of("start first", "start second", "stop second", "stop first"), CALLS);
    }

    @Test
    void aFailingStartStopsWhatAlreadyStarted() {
        BundleContext context = contextWithHeader(First.class.getName() + "," + Failing.class.getName() + ","
                + Second.class.getName());
        assertEquals("cannot start", assertThrows(IllegalStateException.class,
                () -> new PluginActivators().start(context)).getMessage());
        assertEquals(List.of("start first", "stop first"), CALLS);
    }

    @Test
    void aManifestWithoutTheHeaderIsAnError() {
        assertThrows(IllegalStateException.class, () -> new PluginActivators().start(contextWithHeader(null)));
        assertThrows(ClassNotFoundException.class,
                () -> new PluginActivators().start(contextWithHeader("no.such.Activator")));
    }
}
