package dev.apitokens.plugintests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemTimeout;

import dev.apitokens.testing.simulatedhost.SimulatedDirectory;
import dev.apitokens.testing.simulatedhost.SimulatedHostActivator;
import dev.apitokens.testing.simulatedhost.SimulatedLicenseManager;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Test;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * One plugin jar, installed into Felix next to the SIMULATED Atlassian host (testing/simulated-atlassian-host): an
 * HTTP Whiteboard, the host's packages and services, and a stand-in for the plugin system that runs the jar's
 * servlet-filter and servlet modules. No Declarative Services runtime and no ConfigAdmin are installed, as in Jira
 * and Confluence. What this shows: the jar resolves against the declared host packages, its private DS runtime
 * starts its components, and a token created through its REST API authenticates a request through its filter.
 * What it cannot show: anything about the real Jira, Confluence, Seraph, Active Objects or UPM.
 */
public abstract class PluginInSimulatedHostTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    protected BundleContext context;

    protected abstract PluginJar plugin();

    protected Option[] options(PluginJar plugin) {
        List<Option> options = new ArrayList<>();
        File[] jars = new File(required("it.bundles")).listFiles((dir, name) -> name.endsWith(".jar"));
        assertNotNull("it.bundles", jars);
        Arrays.sort(jars);
        for (File jar : jars) {
            boolean first = jar.getName().startsWith("org.apache.aries.spifly") || jar.getName().startsWith("slf4j-simple");
            options.add(first ? CoreOptions.bundle(jar.toURI().toString()).startLevel(1)
                    : CoreOptions.bundle(jar.toURI().toString()));
        }
        options.add(CoreOptions.bundle(new File(required("plugins.dir"), plugin.artifactId() + ".jar").toURI().toString()));
        options.add(junitBundles());
        options.add(systemTimeout(WAIT.toMillis()));
        options.add(frameworkProperty("org.osgi.service.http.port").value(String.valueOf(freePort())));
        options.add(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
        options.add(frameworkProperty("felix.bootdelegation.implicit").value("false"));
        options.add(frameworkProperty(SimulatedHostActivator.CONTEXT_PATH).value(plugin.contextPath()));
        return options.toArray(new Option[0]);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (see the pom)");
        }
        return value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @After
    public void restoreHost() {
        SimulatedLicenseManager.set(SimulatedLicenseManager.State.VALID);
        SimulatedDirectory.setActive("carol", true);
    }

    private Bundle pluginBundle() {
        return Arrays.stream(context.getBundles())
                .filter(b -> ("dev.apitokens." + plugin().artifactId()).equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError("plugin bundle not installed"));
    }

    /** The object classes of what the plugin bundle registered, once its core components are up. */
    private Set<String> registeredByPlugin() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Set<String> classes = new TreeSet<>();
        while (System.nanoTime() < deadline) {
            classes.clear();
            ServiceReference<?>[] refs = pluginBundle().getRegisteredServices();
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                classes.addAll(Arrays.asList((String[]) ref.getProperty("objectClass")));
            }
            if (classes.contains("dev.apitokens.api.TokenService") && classes.contains("jakarta.servlet.Filter")
                    && classes.contains("jakarta.servlet.Servlet")) {
                return classes;
            }
            Thread.sleep(100);
        }
        return classes;
    }

    @Test
    public void resolvesAndStartsItsComponents() throws Exception {
        assertEquals("plugin bundle state", Bundle.ACTIVE, pluginBundle().getState());
        Set<String> registered = registeredByPlugin();
        for (String service : List.of("dev.apitokens.api.TokenService", "dev.apitokens.spi.TokenStore",
                "dev.apitokens.spi.Hasher", "dev.apitokens.spi.LicenseGate", "dev.apitokens.host.spi.HostUsers",
                "dev.apitokens.host.spi.HostLogin", "jakarta.servlet.Filter", "jakarta.servlet.Servlet")) {
            assertTrue(service + " registered by the plugin's components: " + registered, registered.contains(service));
        }
        assertTrue("the store's DataSource over the host's own database access: " + registered,
                registered.contains("javax.sql.DataSource"));
        assertEquals("modules the simulated plugin system could not start", List.of(),
                SimulatedHostActivator.problems("dev.apitokens." + plugin().artifactId()));
    }

    @Test
    public void aTokenCreatedThroughTheRestApiAuthenticatesThroughTheFilter() throws Exception {
        registeredByPlugin();
        HttpResponse<String> created = send(post("/rest/api-tokens/latest/", "{\"label\":\"ci\"}")
                .header("Authorization", basic("alice", "alice-password")).build());
        assertEquals(created.body(), 200, created.statusCode());
        String token = field(created.body(), "passwordValue");

        HttpResponse<String> basic = send(get("/rest/api/2/myself").header("Authorization", basic("alice", token)).build());
        assertEquals(basic.body(), 200, basic.statusCode());
        assertTrue(basic.body(), basic.body().contains("\"name\":\"alice\""));

        HttpResponse<String> bearer = send(get("/rest/api/2/myself").header("Authorization", "Bearer " + token).build());
        assertEquals(bearer.body(), 200, bearer.statusCode());
        assertTrue(bearer.body(), bearer.body().contains("\"name\":\"alice\""));

        HttpResponse<String> wrong = send(get("/rest/api/2/myself")
                .header("Authorization", basic("alice", token.substring(0, token.length() - 2) + "xx")).build());
        assertEquals(401, wrong.statusCode());

        HttpResponse<String> anonymous = send(get("/rest/api/2/myself").build());
        assertEquals(401, anonymous.statusCode());
    }

    @Test
    public void aTokenRequestLeavesNoSessionBehind() throws Exception {
        registeredByPlugin();
        String token = createToken("alice");
        HttpResponse<String> response = send(get("/rest/api/2/myself").header("Authorization", basic("alice", token)).build());
        assertEquals(200, response.statusCode());
        // the simulated Seraph keeps the user in a session it creates, as Seraph does; the plugin drops it
        String cookie = response.headers().firstValue("Set-Cookie").orElse(null);
        assertNotNull("the simulated host's login created a session", cookie);
        HttpResponse<String> withCookie = send(get("/rest/api/2/myself").header("Cookie", cookie.split(";", 2)[0]).build());
        assertEquals("the session the token request created is no longer valid", 401, withCookie.statusCode());
    }

    @Test
    public void withoutAValidUpmLicenseTokensAreRefusedButStillManaged() throws Exception {
        registeredByPlugin();
        // before any token use in this framework (one per test method), so the gate's first verdict is this one
        SimulatedLicenseManager.set(SimulatedLicenseManager.State.EXPIRED);
        String token = createToken("alice");
        HttpResponse<String> refused = send(get("/rest/api/2/myself").header("Authorization", basic("alice", token)).build());
        assertNotEquals("an expired license refuses the token: " + refused.body(), 200, refused.statusCode());
        HttpResponse<String> license = send(get("/rest/api-tokens/latest/license")
                .header("Authorization", basic("admin", "admin-password")).build());
        assertEquals(license.body(), 200, license.statusCode());
        assertTrue("the reason shown to admins: " + license.body(), license.body().contains("\"EXPIRED\"")
                && license.body().contains("Universal Plugin Manager"));
        HttpResponse<String> listed = send(get("/rest/api-tokens/latest/")
                .header("Authorization", basic("alice", "alice-password")).build());
        assertEquals("management works whatever the license", 200, listed.statusCode());
    }

    @Test
    public void aDeactivatedUsersTokenIsRefused() throws Exception {
        registeredByPlugin();
        String token = createToken("carol");
        assertEquals(200, send(get("/rest/api/2/myself").header("Authorization", basic("carol", token)).build()).statusCode());
        SimulatedDirectory.setActive("carol", false);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            status = send(get("/rest/api/2/myself").header("Authorization", basic("carol", token)).build()).statusCode();
            Thread.sleep(200);
        }
        assertEquals("a deactivated user's token", 401, status);
    }

    @Test
    public void theServletModulesServeTheProfileAndAdminPages() throws Exception {
        registeredByPlugin();
        HttpResponse<String> profile = send(get("/plugins/servlet/api-tokens/profile")
                .header("Authorization", basic("alice", "alice-password")).build());
        assertEquals(profile.body(), 200, profile.statusCode());
        assertTrue(profile.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        HttpResponse<String> refused = send(get("/plugins/servlet/api-tokens/admin")
                .header("Authorization", basic("alice", "alice-password")).build());
        assertEquals("the admin page for a non-administrator", 403, refused.statusCode());
        HttpResponse<String> admin = send(get("/plugins/servlet/api-tokens/admin")
                .header("Authorization", basic("admin", "admin-password")).build());
        assertEquals(admin.body(), 200, admin.statusCode());
        HttpResponse<String> script = send(get("/apitokens-ui/common.js").build());
        assertEquals("the pages' script where the pages link it", 200, script.statusCode());
        assertTrue("the page links it", admin.body().contains(plugin().contextPath() + "/apitokens-ui/common.js"));
    }

    @Test
    public void theHousekeepingAndTheAuditTrailRunInsideThePlugin() throws Exception {
        registeredByPlugin();
        long deadline = System.nanoTime() + WAIT.toNanos();
        // the housekeeping starts with the plugin (not at the first event it receives) and takes its
        // once-per-cluster lease in the host's database at its first check, 5 s after the start
        String leases = "AO_" + plugin().tablePrefix() + "_LEASE";
        // this framework's node name, as the housekeeping makes it (the host's database outlives the framework)
        String node = "/" + context.getProperty("org.osgi.framework.uuid").substring(0, 8);
        int held = 0;
        while (held == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            held = leasesHeldBy(leases, node);
        }
        assertTrue("this node holds a lease in " + leases + " before any token event", held > 0);

        // the plugin's own Event Admin delivers the core's event to the plugin's audit recorder
        createToken("alice");
        HttpResponse<String> audit;
        do {
            Thread.sleep(100);
            audit = send(get("/rest/api-tokens/latest/admin/audit?user=alice&type=TOKEN_CREATED")
                    .header("Authorization", basic("admin", "admin-password")).build());
            assertEquals(audit.body(), 200, audit.statusCode());
        } while (audit.body().contains("\"total\":0") && System.nanoTime() < deadline);
        assertTrue("alice's creation in the audit trail: " + audit.body(),
                audit.body().contains("\"type\":\"TOKEN_CREATED\"") && audit.body().contains("\"user\":\"alice\""));
    }

    private static int leasesHeldBy(String table, String nodeSuffix) throws SQLException {
        try (Connection connection = SimulatedHostActivator.database().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE "
                        + "TABLE_NAME = '" + table + "'")) {
            result.next();
            if (result.getInt(1) == 0) {
                return 0;
            }
        }
        try (Connection connection = SimulatedHostActivator.database().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE HOLDER LIKE '%"
                        + nodeSuffix + "'")) {
            result.next();
            return result.getInt(1);
        }
    }

    private String createToken(String user) throws Exception {
        HttpResponse<String> created = send(post("/rest/api-tokens/latest/", "{\"label\":\"t\"}")
                .header("Authorization", basic(user, user + "-password")).build());
        assertEquals(created.body(), 200, created.statusCode());
        return field(created.body(), "passwordValue");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + context.getProperty("org.osgi.service.http.port")
                + plugin().contextPath() + path);
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(WAIT).GET();
    }

    private HttpRequest.Builder post(String path, String json) {
        return HttpRequest.newBuilder(uri(path)).timeout(WAIT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newBuilder().connectTimeout(WAIT).build().send(request,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertTrue(json, m.find());
        return m.group(1);
    }
}
