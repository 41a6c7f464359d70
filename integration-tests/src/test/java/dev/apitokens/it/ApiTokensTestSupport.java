package dev.apitokens.it;

import static org.junit.Assert.assertEquals;
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
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javax.inject.Inject;
import javax.sql.DataSource;

import org.junit.After;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.util.tracker.ServiceTracker;

import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenService;
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

    // ---- the assertions every assembly shares ----

    /** Symbolic-name prefix of our bundles. */
    protected static final String OURS = "dev.apitokens.";

    /** Our bundles every assembly ships besides its store. */
    protected static final String[] CORE_BUNDLES = { OURS + "api", OURS + "core", OURS + "hasher-sha256",
            OURS + "hasher-pbkdf2", OURS + "hasher-argon2", OURS + "hasher-bcrypt", OURS + "license-unlimited", OURS + "authfilter", OURS + "rest", OURS + "host-standalone" };

    /**
     * {@link #CORE_BUNDLES} and {@code storeBundle} are ACTIVE, and every DS component of our bundles is ACTIVE
     * (delayed ones are activated by getting their service); the failure lists each one that is not, with its
     * unsatisfied references or activation failure.
     */
    protected void assertEveryComponentActive(String storeBundle) {
        List<String> expectedBundles = new ArrayList<>(Arrays.asList(CORE_BUNDLES));
        expectedBundles.add(storeBundle);
        ComponentStates states = new ComponentStates(context, service(ServiceComponentRuntime.class));
        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + SETTLE.toNanos();
        do {
            problems.clear();
            for (String expected : expectedBundles) {
                Bundle b = installed(expected);
                if (b == null) {
                    problems.add(expected + ": bundle not installed (not in the distribution's bundle set?)");
                } else if (b.getState() != Bundle.ACTIVE) {
                    problems.add(expected + ": bundle not ACTIVE (state " + b.getState() + ")");
                }
            }
            List<ComponentDescriptionDTO> components = states.components(OURS);
            if (components.isEmpty()) {
                problems.add("no DS component in any " + OURS + "* bundle");
            }
            problems.addAll(states.notActive(components));
            if (problems.isEmpty()) {
                return;
            }
            sleep(200);
        } while (System.nanoTime() < deadline);
        fail("the assembly is not fully wired (" + problems.size() + " problems):\n  " + String.join("\n  ", problems));
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

    /** The whiteboard runs our token filter, from {@code dev.apitokens.authfilter}, on {@code pattern}. */
    protected void assertAuthFilterOn(String pattern) {
        WhiteboardFilters filters = whiteboardFilters();
        await(() -> filters.authFilterPatterns().contains(pattern),
                () -> "the authfilter is not on " + pattern + " in the whiteboard; " + filters);
    }

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

    // ---- tokens over the real REST API ----

    /** The REST API of the token management (the original product's paths). */
    protected static final String TOKENS = "/rest/api-tokens/latest/";

    protected static String password(String user) {
        return RestClient.basic(user, passwordOf(user));
    }

    /**
     * Creates a token for {@code user} with {@code POST /rest/api-tokens/latest/} (password login) and returns its
     * secret, the response's {@code passwordValue}.
     */
    protected String createToken(String user, String label) {
        RestClient.Response created = rest().postJson(TOKENS, "{\"label\": \"" + label + "\"}", password(user));
        assertTrue("POST " + TOKENS + " as " + user + ": " + created,
                created.status() == 200 || created.status() == 201);
        String secret = created.field("passwordValue");
        assertNotNull("no passwordValue in " + created, secret);
        return secret;
    }

    /** What the token service knows about {@code user}'s token labelled {@code label}. */
    protected TokenInfo tokenInfo(String user, String label) {
        for (TokenInfo info : service(TokenService.class).list(user)) {
            if (info.label().equals(label)) {
                return info;
            }
        }
        fail("no token labelled " + label + " for " + user);
        return null;
    }

    /** A request that only an authenticated user may make, answered by the host with who that user is. */
    protected RestClient.Response whoAmI(String path, String authorization) {
        return rest().get(path, authorization);
    }

    /** {@code path} answers 200 for {@code user}'s token, and names the user. */
    protected void assertTokenAccepted(String what, String path, String user, String token) {
        RestClient.Response response = whoAmI(path, RestClient.basic(user, token));
        assertStatus(what + ": GET " + path + " with the token as password", 200, response);
        assertContains(what + ": GET " + path + " runs as the token's owner", "\"" + user + "\"", response.body());
    }

    protected void assertTokenRefused(String what, String path, String user, String token) {
        RestClient.Response response = whoAmI(path, RestClient.basic(user, token));
        assertStatus(what + ": GET " + path + " with the token as password", 401, response);
    }

    /**
     * A token created over REST opens {@code path} (Basic and Bearer) through the filter, as its owner; the
     * authentication is logged in the original product's words; a revoked token is refused.
     */
    protected void assertTokenPassesTheFilter(String path) {
        String label = "wiring-" + System.nanoTime();
        String token = createToken(ALICE, label);
        String tokenId = tokenInfo(ALICE, label).id();
        try (LogCapture log = LogCapture.start()) {
            assertTokenAccepted("Basic", path, ALICE, token);
            RestClient.Response bearer = whoAmI(path, RestClient.bearer(token));
            assertStatus("GET " + path + " with the token as Bearer", 200, bearer);
            await(() -> log.lineWith(ALICE + " has been authenticated via API Token (" + tokenId + ")") != null,
                    () -> "no log line '" + ALICE + " has been authenticated via API Token (" + tokenId + ")'; log:\n"
                            + log.text());
        }
        assertStatus("GET " + path + " without credentials", 401, whoAmI(path, null));
        RestClient.Response revoked = rest().delete(TOKENS + tokenId, password(ALICE));
        assertStatus("DELETE " + TOKENS + tokenId, 204, revoked);
        assertTokenRefused("revoked token", path, ALICE, token);
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
