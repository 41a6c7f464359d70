package dev.apitokens.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

/** The Jira distribution on its embedded H2 database. */
class JiraDistributionIT extends JiraLifecycleContract {

    @Override
    Distribution distribution() {
        return Distribution.of("jira").config("dev.apitokens.core", fastUsageFlush());
    }

    @Test
    void aBrowserSessionLogsInListsTokensAndLogsOut() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(distribution.uri("/rest/auth/1/session"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"admin\",\"password\":\"" + distribution.adminPassword() + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        assertTrue(login.headers().firstValue("Set-Cookie").orElseThrow().contains("HttpOnly"));
        assertEquals(200, browser.send(HttpRequest.newBuilder(distribution.uri(API)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> me = browser.send(HttpRequest.newBuilder(distribution.uri("/rest/api/2/myself")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(me.body().contains("\"authenticatedBy\":\"SESSION\""), me.body());
        assertEquals(204, browser.send(HttpRequest.newBuilder(distribution.uri("/rest/auth/1/session")).DELETE()
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(401, browser.send(HttpRequest.newBuilder(distribution.uri(API)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aPasswordChangedWithTheUserToolAppliesWhileRunning() throws Exception {
        distribution.addUser("carol", "first-password", false);
        assertEquals(200, rest.get("/rest/api/2/myself", Distribution.basic("carol", "first-password")).status());
        distribution.changePassword("carol", "second-password");
        assertEquals(401, rest.get("/rest/api/2/myself", Distribution.basic("carol", "first-password")).status());
        assertEquals(200, rest.get("/rest/api/2/myself", Distribution.basic("carol", "second-password")).status());
    }

    @Test
    void theAddressTheLauncherPrintsLeadsToTheLoginPage() throws Exception {
        HttpResponse<String> root = null;
        for (int attempt = 0; attempt < 40 && (root == null || root.statusCode() == 404); attempt++) {
            if (root != null) {
                Thread.sleep(250); // the UI bundle registers its pages a moment after the REST API answers
            }
            root = HttpClient.newHttpClient().send(HttpRequest.newBuilder(distribution.uri("/")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertEquals(302, root.statusCode(), root.body());
        assertTrue(root.headers().firstValue("Location").orElseThrow().endsWith("/login.jsp"), root.headers().toString());
    }

    @Test
    void servesJirasSampleEndpointsOnly() throws Exception {
        String admin = Distribution.basic("admin", distribution.adminPassword());
        assertEquals(200, rest.get("/rest/api/2/configuration", admin).status());
        assertEquals(404, rest.get("/rest/api/user/anonymous", admin).status(), "Confluence's endpoint is not served");
    }
}
