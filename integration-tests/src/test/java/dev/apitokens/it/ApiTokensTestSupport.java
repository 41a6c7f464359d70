package dev.apitokens.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.After;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.FailedFilterDTO;
import org.osgi.service.servlet.runtime.dto.FilterDTO;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.util.tracker.ServiceTracker;

import dev.apitokens.api.TokenStore;

/**
 * What every api-tokens Pax Exam test shares. Each test class boots exactly the bundle set a distribution ships
 * ({@link DistributionLaunch}, in the test driver); the code here runs inside that framework: service look-ups,
 * Declarative Services states, ConfigAdmin edits, whiteboard DTOs and real HTTP calls to the whiteboard's port.
 */
public abstract class ApiTokensTestSupport {

    /** How long a test waits for the framework to settle after a change (component (re)activation, config). */
    protected static final Duration SETTLE = Duration.ofSeconds(30);

    /** Framework property carrying the HTTP port chosen by the driver, read back inside the framework. */
    protected static final String HTTP_PORT = "org.osgi.service.http.port";

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

    /** The bundle with this symbolic name; fails the test if it is not installed. */
    protected Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        fail("bundle " + symbolicName + " is not installed; installed: " + symbolicNames());
        return null;
    }

    protected List<String> symbolicNames() {
        List<String> names = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            names.add(b.getSymbolicName());
        }
        return names;
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

    /** Sets (replaces) the properties of a configuration; ConfigAdmin delivers them asynchronously. */
    protected void configure(String pid, Object... keyValues) throws IOException {
        Configuration configuration = service(ConfigurationAdmin.class).getConfiguration(pid, "?");
        Dictionary<String, Object> properties = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put((String) keyValues[i], keyValues[i + 1]);
        }
        configuration.update(properties);
    }

    protected void deleteConfiguration(String pid) throws IOException {
        Configuration configuration = service(ConfigurationAdmin.class).getConfiguration(pid, "?");
        configuration.delete();
    }

    // ---- the assertions every assembly shares ----

    /** Symbolic-name prefix of our bundles. */
    protected static final String OURS = "dev.apitokens.";

    /**
     * Every DS component of our bundles is ACTIVE (delayed ones are activated by getting their service); the
     * failure lists each one that is not, with its unsatisfied references or activation failure.
     */
    protected void assertEveryComponentActive(String... expectedBundles) {
        for (String expected : expectedBundles) {
            Bundle b = bundle(expected);
            assertEquals(expected + " is not ACTIVE (state " + b.getState() + ")", Bundle.ACTIVE, b.getState());
        }
        ComponentStates states = new ComponentStates(context, service(ServiceComponentRuntime.class));
        List<ComponentDescriptionDTO> components = states.components(OURS);
        assertFalse("no DS component in any " + OURS + "* bundle; bundles: " + symbolicNames(),
                components.isEmpty());
        List<String> problems;
        long deadline = System.nanoTime() + SETTLE.toNanos();
        do {
            problems = states.notActive(states.components(OURS));
            if (problems.isEmpty()) {
                return;
            }
            sleep(200);
        } while (System.nanoTime() < deadline);
        fail(problems.size() + " of " + components.size() + " DS components of " + OURS + "* are not ACTIVE:\n  "
                + String.join("\n  ", problems));
    }

    /**
     * Exactly one {@link TokenStore}, registered by {@code storeBundle}, naming {@code table}; and that table
     * exists in the database of the {@link DataSource} service.
     */
    protected void assertSingleTokenStore(String storeBundle, String table) throws Exception {
        service(TokenStore.class, null, "the assembly's token store (" + storeBundle + ")");
        List<ServiceReference<TokenStore>> stores = references(TokenStore.class, null);
        List<String> origins = new ArrayList<>();
        for (ServiceReference<TokenStore> store : stores) {
            origins.add(store.getBundle().getSymbolicName() + " " + TokenStore.TABLE + "="
                    + store.getProperty(TokenStore.TABLE));
        }
        assertEquals("TokenStore services: " + origins, 1, stores.size());
        assertEquals("TokenStore services: " + origins, storeBundle, stores.get(0).getBundle().getSymbolicName());
        assertEquals("TokenStore services: " + origins, table, stores.get(0).getProperty(TokenStore.TABLE));
        List<String> tables = tables(service(DataSource.class, null, "the host's DataSource"));
        assertTrue("table " + table + " not in the database; tables: " + tables, tables.contains(table));
    }

    /** The names of the tables of the data source's current schema, as JDBC metadata reports them. */
    protected static List<String> tables(DataSource dataSource) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                ResultSet rs = connection.getMetaData().getTables(null, connection.getSchema(), "%",
                        new String[] { "TABLE" })) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    /** The whiteboard runs our token filter, from {@code dev.apitokens.authfilter}, on {@code /rest/*}. */
    protected void assertAuthFilterOn(String pattern) {
        HttpServiceRuntime runtime = service(HttpServiceRuntime.class);
        await(() -> authFilterPatterns(runtime).contains(pattern),
                () -> "the authfilter is not on " + pattern + " in the whiteboard; " + whiteboardFilters(runtime));
    }

    protected List<String> authFilterPatterns(HttpServiceRuntime runtime) {
        List<String> patterns = new ArrayList<>();
        for (ServletContextDTO servletContext : runtime.getRuntimeDTO().servletContextDTOs) {
            for (FilterDTO filter : servletContext.filterDTOs) {
                if (isAuthFilter(filter.serviceId)) {
                    patterns.addAll(Arrays.asList(filter.patterns));
                }
            }
        }
        return patterns;
    }

    private boolean isAuthFilter(long serviceId) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(service.id=" + serviceId + ")");
            return refs != null && (OURS + "authfilter").equals(refs[0].getBundle().getSymbolicName());
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static String whiteboardFilters(HttpServiceRuntime runtime) {
        RuntimeDTO dto = runtime.getRuntimeDTO();
        StringBuilder text = new StringBuilder("filters:");
        for (ServletContextDTO servletContext : dto.servletContextDTOs) {
            for (FilterDTO filter : servletContext.filterDTOs) {
                text.append(" [").append(servletContext.name).append(": ").append(filter.name).append(" ")
                        .append(Arrays.toString(filter.patterns)).append(" service ").append(filter.serviceId)
                        .append("]");
            }
        }
        text.append("; failed:");
        for (FailedFilterDTO failed : dto.failedFilterDTOs) {
            text.append(" [").append(failed.name).append(" reason ").append(failed.failureReason).append("]");
        }
        return text.toString();
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
