package dev.apitokens.e2e;

import static dev.apitokens.e2e.Distribution.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.testing.net.BlackholeProxy;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.apitokens.e2e.RestClient.Reply;

/**
 * The Jira distribution on the machine's PostgreSQL, reached through a {@link BlackholeProxy}: when the database
 * stops answering (packets dropped, not refused), a token request that needs it fails closed with 503 and
 * Retry-After within seconds instead of hanging, and once the database answers again the node serves again by
 * itself, without a restart. Configured as an operator would, with the documented timeouts at their defaults.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIT {

    private static final String DATABASE = "apitokens_e2e_outage";

    private BlackholeProxy proxy;
    private Distribution distribution;
    private RestClient rest;

    @BeforeAll
    void start() throws Exception {
        JiraOnPostgresIT.freshDatabase(DATABASE);
        proxy = new BlackholeProxy(5432);
        distribution = Distribution.of("jira").config("dev.apitokens.host.standalone.datasource", Map.of(
                "url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + DATABASE,
                "user", "postgres",
                "dataSourceFactory.target", "(osgi.jdbc.driver.class=org.postgresql.Driver)")).start();
        rest = new RestClient(distribution);
    }

    @AfterAll
    void stop() throws Exception {
        if (distribution != null) {
            distribution.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aDatabaseThatStopsAnsweringGives503WithinSecondsAndTheNodeRecoversByItself() throws Exception {
        String admin = basic("admin", distribution.adminPassword());
        Reply created = rest.call("POST", "/rest/api-tokens/latest/", admin, "{\"label\":\"outage\"}");
        assertEquals(200, created.status(), created.toString());
        // never used yet, so not in the verified-token cache: its first use needs the database
        String token = created.json().path("passwordValue").asText();

        proxy.blackhole();
        long start = System.nanoTime();
        Reply refused = rest.get("/rest/api/2/myself", basic("admin", token));
        long failMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, refused.status(), refused.toString());
        assertTrue(refused.body().startsWith("{\"message\":"), refused.body());
        assertTrue(failMillis < 20_000, "the token request waited " + failMillis + " ms for a silent database");

        proxy.heal();
        long healed = System.nanoTime();
        long recoveredMillis = -1;
        while (System.nanoTime() - healed < 60_000_000_000L) {
            if (rest.get("/rest/api/2/myself", basic("admin", token)).status() == 200) {
                recoveredMillis = (System.nanoTime() - healed) / 1_000_000;
                break;
            }
            Thread.sleep(200);
        }
        System.out.println("PostgreSQL blackholed under the Jira jar (default timeouts): 503 after " + failMillis
                + " ms; served again " + recoveredMillis + " ms after the database answered");
        assertTrue(recoveredMillis >= 0, "the node did not recover within 60 s of the database answering");
    }
}
