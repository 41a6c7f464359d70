package dev.apitokens.sal.host.modules;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * One of the plugin's own Declarative Services components, found by component name in the plugin bundle's
 * service registry. The host instantiates the module classes named in {@code atlassian-plugin.xml}; the components
 * (filter, REST servlet, pages) are built and wired by the plugin's private DS runtime, and the module classes hand
 * requests to them through this.
 */
final class RegisteredService<T> implements AutoCloseable {

    private final ServiceTracker<T, T> tracker;

    RegisteredService(Class<?> moduleClass, Class<T> type, String componentName) {
        Bundle bundle = FrameworkUtil.getBundle(moduleClass);
        if (bundle == null || bundle.getBundleContext() == null) {
            throw new IllegalStateException(moduleClass.getName() + " is not loaded from an active bundle");
        }
        BundleContext context = bundle.getBundleContext();
        try {
            this.tracker = new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName()
                    + ")(component.name=" + componentName + "))"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(componentName, e);
        }
        tracker.open();
    }

    /** The service, waiting up to {@code millis} for it to register; {@code null} if it did not. */
    T get(long millis) {
        try {
            return tracker.waitForService(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        tracker.close();
    }
}
