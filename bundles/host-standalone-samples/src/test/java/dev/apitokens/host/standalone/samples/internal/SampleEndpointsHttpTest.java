package dev.apitokens.host.standalone.samples.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.RequestUser;
import dev.apitokens.http.support.NotAuthenticated;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The sample endpoints over real HTTP (Jetty), in the products' shapes. Who is logged in comes from a
 * {@link HostLogin} that knows one admin by a test header, in place of the login bundle; its realm attribute is
 * set the way the login filter sets it.
 */
class SampleEndpointsHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final HostUser ADMIN = new HostUser("admin-key", "admin", "Administrator", true, true);

    private static Server server;
    private static String base;

    /** {@code X-Test-Login: password} or {@code token}: the admin, so authenticated; nothing else is a login. */
    private static final HostLogin LOGIN = new HostLogin() {
        @Override
        public HttpServletRequest proceedAs(HostUser user, String tokenId, HttpServletRequest request) {
            throw new UnsupportedOperationException("the samples never log anybody in");
        }

        @Override
        public Optional<RequestUser> currentUser(HttpServletRequest request) {
            request.setAttribute(NotAuthenticated.REALM_ATTRIBUTE, "sample-realm");
            return switch (String.valueOf(request.getHeader("X-Test-Login"))) {
                case "password" -> Optional.of(new RequestUser(ADMIN, RequestUser.Method.PASSWORD, null));
                case "token" -> Optional.of(new RequestUser(ADMIN, RequestUser.Method.TOKEN, "tokenid1"));
                default -> Optional.empty();
            };
        }
    };

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new JiraMyselfServlet(LOGIN)), "/rest/api/2/myself");
        context.addServlet(new ServletHolder(new ConfluenceCurrentUserServlet(LOGIN)), "/rest/api/user/current");
        context.addServlet(new ServletHolder(new JiraConfigurationServlet(LOGIN)), "/rest/api/2/configuration");
        context.addServlet(new ServletHolder(new ConfluenceAnonymousServlet(LOGIN)), "/rest/api/user/anonymous");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void anonymousRequestsGet401JsonWithTheLoginFiltersRealm() throws Exception {
        for (String path : List.of("/rest/api/2/myself", "/rest/api/user/current", "/rest/api/2/configuration",
                "/rest/api/user/anonymous")) {
            HttpResponse<String> response = get(path, "none");
            assertEquals(401, response.statusCode(), path);
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
            assertEquals("Basic realm=\"sample-realm\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertTrue(JSON.readTree(response.body()).path("message").asText().contains("not authenticated"));
        }
    }

    @Test
    void whoAmIInJirasAndConfluencesShapeWithHowTheRequestWasAuthenticated() throws Exception {
        JsonNode me = json("/rest/api/2/myself", "password");
        assertEquals("admin", me.path("name").asText());
        assertEquals("admin-key", me.path("key").asText());
        assertEquals("Administrator", me.path("displayName").asText());
        assertEquals("PASSWORD", me.path("authenticatedBy").asText());
        assertTrue(me.path("tokenId").isMissingNode());
        assertEquals(base + "/rest/api/2/user?username=admin", me.path("self").asText());
        assertEquals(2, me.path("groups").path("size").asInt());

        JsonNode current = json("/rest/api/user/current", "token");
        assertEquals("known", current.path("type").asText());
        assertEquals("admin", current.path("username").asText());
        assertEquals("admin-key", current.path("userKey").asText());
        assertEquals("TOKEN", current.path("authenticatedBy").asText());
        assertEquals("tokenid1", current.path("tokenId").asText());
        assertEquals(base + "/rest/api/user?key=admin-key", current.path("_links").path("self").asText());
    }

    @Test
    void theOtherSampleEndpointsAnswerInTheProductsShape() throws Exception {
        JsonNode configuration = json("/rest/api/2/configuration", "password");
        assertTrue(configuration.path("timeTrackingEnabled").asBoolean());
        assertEquals("pretty", configuration.path("timeTrackingConfiguration").path("timeFormat").asText());
        JsonNode anonymous = json("/rest/api/user/anonymous", "token");
        assertEquals("anonymous", anonymous.path("type").asText());
        assertEquals("Anonymous", anonymous.path("displayName").asText());
    }

    private static JsonNode json(String path, String login) throws Exception {
        HttpResponse<String> response = get(path, login);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path, String login) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Test-Login", login).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
