package dev.apitokens.sal.host.modules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * The plugin bundle's activator: starts, in order, the activators its manifest header {@value #HEADER} names (the
 * private copies of the OSGi runtimes the hosts do not run for plugins: Felix Event Admin, then Felix SCR), and stops
 * them in reverse order. A bundle has one {@code Bundle-Activator}; this lets the plugin have several.
 */
public final class PluginActivators implements BundleActivator {

    /** Manifest header: comma-separated class names of {@link BundleActivator}s inside this bundle. */
    public static final String HEADER = "ApiTokens-Activators";

    private final List<BundleActivator> started = new ArrayList<>();

    @Override
    public void start(BundleContext context) throws Exception {
        String names = context.getBundle().getHeaders().get(HEADER);
        if (names == null || names.isBlank()) {
            throw new IllegalStateException("the plugin manifest names no " + HEADER);
        }
        try {
            for (String name : Arrays.stream(names.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList()) {
                BundleActivator activator = (BundleActivator) getClass().getClassLoader().loadClass(name)
                        .getConstructor().newInstance();
                activator.start(context);
                started.add(activator);
            }
        } catch (Exception e) {
            stop(context);
            throw e;
        }
    }

    @Override
    public void stop(BundleContext context) throws Exception {
        Exception first = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).stop(context);
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        started.clear();
        if (first != null) {
            throw first;
        }
    }
}
