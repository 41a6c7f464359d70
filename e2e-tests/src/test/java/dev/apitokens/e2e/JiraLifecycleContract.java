package dev.apitokens.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** {@link TokenLifecycleContract} for a Jira distribution, whatever its database: Jira's documented curl call. */
abstract class JiraLifecycleContract extends TokenLifecycleContract {

    @Override
    String curlExamplePath() {
        return "/rest/api/latest/configuration";
    }

    @Override
    void assertCurlExampleBody(JsonNode body) {
        assertTrue(body.path("timeTrackingEnabled").isBoolean(), body.toString());
    }
}
