package dev.apitokens.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The Jira distribution on its embedded H2 database. */
class JiraDistributionIT extends TokenLifecycleContract {

    @Override
    Distribution distribution() {
        return Distribution.of("jira").config("dev.apitokens.core", fastUsageFlush());
    }

    @Override
    String curlExamplePath() {
        return "/rest/api/latest/configuration";
    }

    @Override
    void assertCurlExampleBody(JsonNode body) {
        assertTrue(body.path("timeTrackingEnabled").isBoolean(), body.toString());
    }

    @Test
    void servesJirasSampleEndpointsOnly() throws Exception {
        String admin = Distribution.basic("admin", distribution.adminPassword());
        assertEquals(200, rest.get("/rest/api/2/configuration", admin).status());
        assertEquals(404, rest.get("/rest/api/user/anonymous", admin).status(), "Confluence's endpoint is not served");
    }
}
