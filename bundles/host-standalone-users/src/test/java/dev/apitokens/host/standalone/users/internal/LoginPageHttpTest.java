package dev.apitokens.host.standalone.users.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.hasher.tck.ComponentConfig;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.http.support.SecurityHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link LoginPage} over real HTTP (Jetty) below a context path, as the default servlet. An {@code X-Test-User}
 * header signs the request in through {@link StandaloneHostLogin}, as the login filter would.
 */
class LoginPageHttpTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient(); // never follows redirects
    private static Server server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        StandaloneHostLogin login = new StandaloneHostLogin();
        Filter signIn = (request, response, chain) -> {
            String name = ((HttpServletRequest) request).getHeader("X-Test-User");
            chain.doFilter(name == null ? request : AuthenticatedRequest.as((HttpServletRequest) request,
                    new dev.apitokens.host.spi.RequestUser(new HostUser(name, name, name, true, false),
                            dev.apitokens.host.spi.RequestUser.Method.SESSION, null)), response);
        };
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/jira");
        context.addFilter(new FilterHolder(signIn), "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder page = new ServletHolder(new LoginPage(login, ComponentConfig.defaults(LoginPage.Config.class)));
        context.addServlet(page, LoginPage.ROOT_PATH);
        context.addServlet(page, LoginPage.LOGIN_PATH);
        context.addServlet(page, LoginPage.ASSETS_PATH);
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/jira";
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void theRootSendsVisitorsToTheLoginPageAndUsersToTheirProfile() throws Exception {
        HttpResponse<String> anonymous = get("/", null);
        assertEquals(302, anonymous.statusCode());
        assertEquals("/jira/login.jsp", location(anonymous).getPath());
        HttpResponse<String> user = get("/", "alice");
        assertEquals(302, user.statusCode());
        assertEquals("/jira/secure/ViewProfile.jspa", location(user).getPath());
        int bare = get("", null).statusCode();
        assertTrue(bare == 301 || bare == 302, "the context path without its slash is redirected, answered " + bare);
        HttpResponse<String> unknown = get("/nothing-here", null);
        assertEquals(404, unknown.statusCode(), "the root pattern matches the root alone");
        assertTrue(unknown.body().contains("Page not found"));
    }

    @Test
    void theLoginPageReturnsToTheDestinationAfterLogin() throws Exception {
        HttpResponse<String> login = get("/login.jsp?os_destination=%2Fsecure%2Fadmin%2FApiTokens.jspa%3Fuser%3Dbob"
                + "%26sort%3D%22x%22", null);
        assertEquals(200, login.statusCode());
        String html = login.body();
        assertTrue(html.contains("data-destination=\"/secure/admin/ApiTokens.jspa?user=bob&amp;sort=&quot;x&quot;\""),
                html);
        assertTrue(html.contains("data-session-resource=\"/rest/auth/1/session\""));
        assertTrue(html.contains("data-context-path=\"/jira\""));
        assertTrue(html.contains("<label for=\"login-username\">Username</label>"));
        assertTrue(html.contains("src=\"/jira/login-page/login.js\""));
        assertFalse(html.contains("{{"), "every placeholder is filled");
        assertEquals("no-store", login.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY,
                login.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "the CSP forbids inline scripts");

        HttpResponse<String> signedIn = get("/login.jsp?os_destination=%2Fsecure%2Fadmin%2FApiTokens.jspa", "alice");
        assertEquals(302, signedIn.statusCode(), "a signed-in user goes straight on");
        assertEquals("/jira/secure/admin/ApiTokens.jspa", location(signedIn).getPath());
    }

    @Test
    void theLoginPageNeverSendsUsersToAnotherSite() throws Exception {
        HttpResponse<String> login = get("/login.jsp?os_destination=https%3A%2F%2Fevil.example%2F", null);
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("data-destination=\"/secure/ViewProfile.jspa\""));
        assertFalse(login.body().contains("evil.example"));

        HttpResponse<String> loggedIn = get("/login.jsp?os_destination=%2F%2Fevil.example", "alice");
        assertEquals(302, loggedIn.statusCode());
        assertTrue(loggedIn.headers().firstValue("Location").orElseThrow().endsWith("/jira/secure/ViewProfile.jspa"));
    }

    @Test
    void theScriptAndStyleSheetAreServedAndNothingElse() throws Exception {
        for (Map.Entry<String, String> asset : Map.of("/login-page/login.js", "text/javascript",
                "/login-page/login.css", "text/css").entrySet()) {
            HttpResponse<String> response = get(asset.getKey(), null);
            assertEquals(200, response.statusCode(), asset.getKey());
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith(asset.getValue()));
            assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertFalse(response.body().contains("innerHTML") || response.body().contains("http"), asset.getKey());
        }
        assertEquals(404, get("/login-page/login.html", null).statusCode());
        assertEquals(404, get("/login-page/", null).statusCode());
    }

    private static URI location(HttpResponse<String> response) {
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    private static HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (user != null) {
            request.header("X-Test-User", user);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
