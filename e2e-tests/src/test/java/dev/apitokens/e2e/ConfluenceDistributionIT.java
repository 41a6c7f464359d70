package dev.apitokens.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The Confluence distribution on its embedded H2 database. */
class ConfluenceDistributionIT extends TokenLifecycleContract {

    @Override
    Distribution distribution() {
        return Distribution.of("confluence").config("dev.apitokens.core", fastUsageFlush());
    }

    @Override
    String curlExamplePath() {
        return "/rest/api/user/anonymous";
    }

    @Override
    void assertCurlExampleBody(JsonNode body) {
        assertEquals("anonymous", body.path("type").asText(), body.toString());
    }

    @Test
    void servesConfluencesSampleEndpointsOnly() throws Exception {
        String admin = Distribution.basic("admin", distribution.adminPassword());
        assertEquals("admin", rest.get("/rest/api/user/current", admin).json().path("username").asText());
        assertEquals(404, rest.get("/rest/api/latest/configuration", admin).status(), "Jira's endpoint is not served");
    }
}
