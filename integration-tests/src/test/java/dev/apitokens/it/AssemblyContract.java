package dev.apitokens.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import dev.apitokens.spi.TokenStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;


/**
 * What every shipped assembly must wire up, whatever its product and database: our bundles and components active,
 * exactly one token store on the product's table, the token filter on {@code /rest/*}, and a token created over REST
 * opening the product's "who am I" endpoint. A subclass names the distribution (its {@code @Configuration}) and
 * the three product facts below.
 */
public abstract class AssemblyContract extends TokensOverRest {

    /** Symbolic name of the product's token store bundle. */
    protected abstract String storeBundle();

    /** The Active Objects table the product's store writes. */
    protected abstract String table();

    /** The product's "who am I" endpoint, served by the standalone host's samples. */
    protected abstract String myselfPath();

    @Test
    public void everyComponentIsActive() {
        assertEveryComponentActive(storeBundle());
    }

    /**
     * The housekeeping schedules its own work, so nothing may have to ask for its service first: as a delayed
     * component it ticked only after the first token event, and not again after a configuration change until the
     * next one.
     */
    @Test
    public void theHousekeepingIsImmediate() {
        List<ComponentDescriptionDTO> housekeeping = new ComponentStates(context, service(ServiceComponentRuntime.class))
                .components(OURS + "housekeeping");
        assertEquals(1, housekeeping.size());
        assertTrue(housekeeping.get(0).name + " is delayed", housekeeping.get(0).immediate);
    }

    @Test
    public void oneStoreWritesTheProductsTable() throws Exception {
        assertSingleTokenStore(storeBundle(), table());
    }

    @Test
    public void authFilterGuardsRest() {
        assertAuthFilterOn("/rest/*");
    }

    @Test
    public void aTokenPassesTheFilter() {
        assertTokenPassesTheFilter(myselfPath());
    }

    /**
     * A component's configuration reaches only its own service: no servlet or plain service of ours carries a
     * filter's whiteboard keys or ranking, and only whiteboard services carry whiteboard keys at all.
     */
    @Test
    public void noServiceCarriesAnotherComponentsWhiteboardKeys() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (!bundle.getSymbolicName().startsWith(OURS) || bundle.getRegisteredServices() == null) {
                continue;
            }
            for (ServiceReference<?> service : bundle.getRegisteredServices()) {
                List<String> classes = Arrays.asList((String[]) service.getProperty("objectClass"));
                boolean filter = classes.contains("jakarta.servlet.Filter");
                boolean whiteboard = filter || classes.contains("jakarta.servlet.Servlet");
                for (String key : service.getPropertyKeys()) {
                    if ((key.startsWith("osgi.http.whiteboard.filter.") && !filter)
                            || (key.startsWith("osgi.http.whiteboard.") && !whiteboard)) {
                        problems.add(bundle.getSymbolicName() + " " + classes + " has " + key + "="
                                + service.getProperty(key));
                    }
                }
            }
        }
        assertTrue("services with keys of another component's configuration:\n  " + String.join("\n  ", problems),
                problems.isEmpty());
    }

    @Test
    public void onlyTheApiBundleExportsAndAtItsContractVersion() {
        List<String> problems = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name == null || !name.startsWith("dev.apitokens.")) {
                continue;
            }
            String exports = bundle.getHeaders().get("Export-Package");
            if (name.equals("dev.apitokens.api")) {
                Map<String, String> exported = exportedVersions(exports);
                if (!exported.equals(API_EXPORTS)) {
                    problems.add(name + " exports " + exported + ", expected " + API_EXPORTS);
                }
            } else if (exports != null) {
                problems.add(name + " must export nothing but exports " + exports);
            }
        }
        assertTrue(String.join("\n", problems), problems.isEmpty());
    }

    /** The three packages of the api bundle - client API, plug-in SPI, host SPI - each at its contract version. */
    static final Map<String, String> API_EXPORTS = Map.of("dev.apitokens.api", "1.3.0", "dev.apitokens.spi", "1.3.0",
            "dev.apitokens.host.spi", "1.1.0");

    /** Package name to version of an Export-Package header, as bnd writes it (attributes and uses clauses ignored). */
    static Map<String, String> exportedVersions(String header) {
        Map<String, String> versions = new TreeMap<>();
        if (header == null) {
            return versions;
        }
        // bnd quotes every attribute value, so a comma outside quotes separates two clauses
        for (String clause : header.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
            String[] parts = clause.split(";");
            String version = "0.0.0";
            for (String part : parts) {
                String attribute = part.trim();
                if (attribute.startsWith("version=")) {
                    version = attribute.substring("version=".length()).replace("\"", "");
                }
            }
            versions.put(parts[0].trim(), version);
        }
        return versions;
    }

    /** Our bundles every assembly ships besides its store. */
    static final String[] CORE_BUNDLES = { OURS + "api", OURS + "core", OURS + "hasher-sha256",
            OURS + "hasher-pbkdf2", OURS + "hasher-argon2", OURS + "hasher-bcrypt", OURS + "license-unlimited",
            OURS + "authfilter", OURS + "rest", OURS + "host-standalone-users",
            OURS + "host-standalone-db", OURS + "host-standalone-samples", OURS + "host-jetty", OURS + "audit",
            OURS + "housekeeping", OURS + "host-standalone-mail" };

    /**
     * {@link #CORE_BUNDLES} and {@code storeBundle} are ACTIVE, and every DS component of our bundles is ACTIVE
     * (delayed ones are activated by getting their service); the failure lists each one that is not, with its
     * unsatisfied references or activation failure.
     */
    private void assertEveryComponentActive(String storeBundle) {
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

    /**
     * Exactly one {@link TokenStore}, registered by {@code storeBundle}, naming {@code table}; and that table
     * exists in the database of the {@link DataSource} service.
     */
    private void assertSingleTokenStore(String storeBundle, String table) throws Exception {
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
    private static List<String> tables(DataSource dataSource) throws Exception {
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
    private void assertAuthFilterOn(String pattern) {
        WhiteboardFilters filters = whiteboardFilters();
        await(() -> filters.authFilterPatterns().contains(pattern),
                () -> "the authfilter is not on " + pattern + " in the whiteboard; " + filters);
    }

    /**
     * A token created over REST opens {@code path} (Basic and Bearer) through the filter, as its owner; the
     * authentication is logged in the original product's words; a revoked token is refused.
     */
    private void assertTokenPassesTheFilter(String path) {
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
}
