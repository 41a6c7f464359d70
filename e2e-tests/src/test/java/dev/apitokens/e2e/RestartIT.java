package dev.apitokens.e2e;

import static dev.apitokens.e2e.Distribution.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.apitokens.e2e.RestClient.Reply;

/**
 * A stop is graceful: usage recorded since the last write-behind flush is written on shutdown (SIGTERM, as a
 * service manager sends it), and tokens, users and the admin password survive a restart on the same data directory.
 */
class RestartIT {

    @Test
    void usageIsFlushedOnShutdownAndEverythingSurvivesARestart() throws Exception {
        // a flush interval far longer than the test: only the shutdown flush can write the uses
        try (Distribution jira = Distribution.of("jira").config("dev.apitokens.core",
                java.util.Map.of("usageFlushIntervalSeconds", "3600")).start()) {
            RestClient rest = new RestClient(jira);
            String admin = basic("admin", jira.adminPassword());
            Reply created = rest.call("POST", "/rest/api-tokens/latest/", admin, "{\"label\":\"survivor\"}");
            assertEquals(200, created.status(), created.toString());
            String token = created.json().path("passwordValue").asText();
            for (int i = 0; i < 3; i++) {
                assertEquals(200, rest.get("/rest/api/latest/configuration", basic("admin", token)).status());
            }
            assertEquals(0, listed(rest, admin).path("usageCount").asLong(), "not flushed yet");

            jira.restart();

            assertTrue(jira.log().contains("[launcher] api-tokens is serving"), "restarted");
            JsonNode after = listed(rest, admin);
            assertEquals(3, after.path("usageCount").asLong(), after.toString());
            assertTrue(after.path("lastAccessed").isNumber(), after.toString());
            assertEquals(200, rest.get("/rest/api/latest/configuration", basic("admin", token)).status());
        }
    }

    private static JsonNode listed(RestClient rest, String admin) throws Exception {
        Reply list = rest.get("/rest/api-tokens/latest/", admin);
        assertEquals(200, list.status(), list.toString());
        assertEquals(1, list.json().size(), list.toString());
        return list.json().get(0);
    }
}
