package dev.apitokens.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javax.inject.Inject;

import org.junit.After;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.util.tracker.ServiceTracker;

/**
 * What every api-tokens Pax Exam test shares. Each test class boots exactly the bundle set a distribution ships
 * ({@link DistributionLaunch}, in the test driver); the code here runs inside that framework: service look-ups,
 * ConfigAdmin edits, bundles, whiteboard DTOs, waiting for the framework to settle, and HTTP to the whiteboard's
 * port. Tokens over the REST API are {@link TokensOverRest}'s; what every assembly must wire up is
 * {@link AssemblyContract}'s.
 */
public abstract class ApiTokensTestSupport {

    /** How long a test waits for the framework to settle after a change (component (re)activation, config). */
    protected static final Duration SETTLE = Duration.ofSeconds(30);

    /** Framework property carrying the HTTP port chosen by the driver, read back inside the framework. */
    protected static final String HTTP_PORT = "org.osgi.service.http.port";

    /** The users every launch seeds (see {@link DistributionLaunch}): an administrator and a plain user. */
    protected static final String ADMIN = "admin";
    protected static final String ALICE = "alice";

    /** Test users' passwords: known to the test, never a token format. */
    static String passwordOf(String user) {
        return user + "-password";
    }

    @Inject
    protected BundleContext context;

    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    @After
    public void closeTrackers() {
        trackers.forEach(ServiceTracker::close);
        trackers.clear();
    }

    /** A bundle built by this reactor that a test installs on top of a distribution (see pom: it.extra). */
    protected static String extraBundleLocation(String artifactId) {
        File jar = new File(requiredProperty("it.extra"), artifactId + ".jar");
        if (!jar.isFile()) {
            throw new IllegalStateException("missing " + jar + ": the build copies it before integration-test");
        }
        return jar.toURI().toString();
    }

    static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run the *IT through failsafe"
                    + " (./mvnw verify -pl integration-tests)");
        }
        return value;
    }

    // ---- inside the framework ----

    protected int httpPort() {
        return Integer.parseInt(context.getProperty(HTTP_PORT));
    }

    protected RestClient rest() {
        return new RestClient(httpPort());
    }

    /** Waits for a service, fails with {@code what} if none shows up within {@link #SETTLE}. */
    protected <T> T service(Class<T> type, String filter, String what) {
        try {
            String full = filter == null ? "(objectClass=" + type.getName() + ")"
                    : "(&(objectClass=" + type.getName() + ")" + filter + ")";
            ServiceTracker<T, T> tracker = new ServiceTracker<>(context, context.createFilter(full), null);
            tracker.open();
            // kept open until the test ends: closing it would unget the service, and DS may then deactivate a
            // delayed component while the test still holds its object
            trackers.add(tracker);
            T service = tracker.waitForService(SETTLE.toMillis());
            assertNotNull(what + ": no " + type.getSimpleName() + " service " + (filter == null ? "" : filter)
                    + " within " + SETTLE.toSeconds() + " s", service);
            return service;
        } catch (InvalidSyntaxException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    protected <T> T service(Class<T> type) {
        return service(type, null, type.getSimpleName());
    }

    protected <T> List<ServiceReference<T>> references(Class<T> type, String filter) {
        try {
            return new ArrayList<>(context.getServiceReferences(type, filter));
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Changes some properties of a configuration, keeping the others (a shipped .cfg's typed values among them);
     * returns what was there before, for {@link #restoreConfiguration}. ConfigAdmin delivers asynchronously.
     */
    protected Dictionary<String, Object> reconfigure(String pid, Object... keyValues) throws IOException {
        Configuration configuration = service(ConfigurationAdmin.class).getConfiguration(pid, "?");
        Dictionary<String, Object> before = configuration.getProperties();
        Dictionary<String, Object> properties = new Hashtable<>();
        if (before != null) {
            for (Enumeration<String> keys = before.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                properties.put(key, before.get(key));
            }
        }
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        configuration.update(properties);
        return before;
    }

    /** Puts back what {@link #reconfigure} returned: the old properties, or no configuration at all. */
    protected void restoreConfiguration(String pid, Dictionary<String, Object> before) throws IOException {
        Configuration configuration = service(ConfigurationAdmin.class).getConfiguration(pid, "?");
        if (before == null) {
            configuration.delete();
        } else {
            configuration.update(before);
        }
    }

    /** The {@code service.id} of the highest-ranked service matching, or -1 if there is none. */
    protected long serviceId(Class<?> type, String filter) {
        ServiceReference<?> best = null;
        for (ServiceReference<?> reference : references(type, filter)) {
            if (best == null || reference.compareTo(best) > 0) {
                best = reference;
            }
        }
        return best == null ? -1 : (Long) best.getProperty("service.id");
    }

    /**
     * The bundle with this symbolic name if the distribution ships it, else the reactor's build of it installed
     * now (not started). {@code artifactId} names the jar the build copied to {@code it.extra}.
     */
    protected Bundle shippedOrInstalled(String symbolicName, String artifactId) throws BundleException {
        Bundle shipped = installed(symbolicName);
        return shipped != null ? shipped : context.installBundle(extraBundleLocation(artifactId));
    }

    /** The installed bundle with this symbolic name, or {@code null}. */
    protected Bundle installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    /** Symbolic-name prefix of our bundles. */
    protected static final String OURS = "dev.apitokens.";

    protected WhiteboardFilters whiteboardFilters() {
        return new WhiteboardFilters(context, service(HttpServiceRuntime.class), OURS + "authfilter");
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls until {@code condition} holds; fails with the message {@code why} supplies at that moment. */
    protected static void await(BooleanSupplier condition, Supplier<String> why) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail(why.get() + " (waited " + SETTLE.toSeconds() + " s)");
            }
            sleep(100);
        }
    }

    protected static void assertStatus(String what, int expected, RestClient.Response response) {
        assertEquals(what + ": " + response, expected, response.status());
    }

    protected static void assertContains(String what, String expected, String actual) {
        assertTrue(what + ": expected to contain <" + expected + "> but was <" + actual + ">",
                actual != null && actual.contains(expected));
    }
}
