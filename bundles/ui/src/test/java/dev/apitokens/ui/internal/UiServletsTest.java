package dev.apitokens.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.RequestUser;
import dev.apitokens.http.support.SecurityHeaders;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


/**
 * The page and asset servlets in a real Jetty 12 container under a context path ({@code /jira}), as the HTTP
 * whiteboard registers them. A test header stands in for the host's session cookie.
 */
class UiServletsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient(); // never follows redirects
    private static Server server;
    private static String base;

    /** Logged in as the user named by the X-Test-User header; "broken" makes the host fail. */
    static final class HeaderHostLogin implements HostLogin {
        @Override
        public HttpServletRequest proceedAs(HostUser user, String tokenId, HttpServletRequest request) {
            throw new UnsupportedOperationException("the UI never authenticates tokens");
        }

        @Override
        public Optional<RequestUser> currentUser(HttpServletRequest request) {
            String name = request.getHeader("X-Test-User");
            if ("broken".equals(name)) {
                throw new IllegalStateException("user directory down");
            }
            if (name == null) {
                return Optional.empty();
            }
            String displayName = name.equals("alice") ? "Alice <b>Liddell</b>" : name;
            return Optional.of(new RequestUser(new HostUser("key-" + name, name, displayName, true,
                    name.equals("admin")), RequestUser.Method.SESSION, null));
        }
    }

    /** The configuration with every attribute at its default, as DS passes it without a configuration. */
    static PageServlet.Config defaults() {
        return (PageServlet.Config) Proxy.newProxyInstance(PageServlet.Config.class.getClassLoader(),
                new Class<?>[] { PageServlet.Config.class }, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return PageServlet.Config.class;
                    }
                    return method.getDefaultValue();
                });
    }

    @BeforeAll
    static void startJetty() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/jira");
        ServletHolder pages = new ServletHolder(new PageServlet(new HeaderHostLogin(), defaults()));
        context.addServlet(pages, PageServlet.PROFILE_PATH);
        context.addServlet(pages, PageServlet.ADMIN_PATH);
        context.addServlet(new ServletHolder(new AssetServlet()), AssetServlet.PATTERN);
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/jira";
    }

    @AfterAll
    static void stopJetty() throws Exception {
        server.stop();
    }

    private static HttpResponse<String> get(String path, String user, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (user != null) {
            request.header("X-Test-User", user);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anonymousVisitorsAreSentToTheHostsLoginPageWithTheirDestination() throws Exception {
        HttpResponse<String> profile = get("/secure/ViewProfile.jspa", null);
        assertEquals(302, profile.statusCode());
        assertEquals("/jira/login.jsp?os_destination=%2Fsecure%2FViewProfile.jspa",
                URI.create(profile.headers().firstValue("Location").orElseThrow()).getRawPath() + "?"
                        + URI.create(profile.headers().firstValue("Location").orElseThrow()).getRawQuery());

        HttpResponse<String> admin = get("/secure/admin/ApiTokens.jspa?user=bob&sort=user", null);
        assertEquals(302, admin.statusCode());
        assertTrue(admin.headers().firstValue("Location").orElseThrow()
                .endsWith("/jira/login.jsp?os_destination=%2Fsecure%2Fadmin%2FApiTokens.jspa%3Fuser%3Dbob%26sort%3Duser"));
    }

    @Test
    void theProfilePageCarriesTheTokensBlockForTheLoggedInUser() throws Exception {
        HttpResponse<String> profile = get("/secure/ViewProfile.jspa", "alice");
        assertEquals(200, profile.statusCode());
        String html = profile.body();
        assertTrue(html.contains("id=\"api-tokens\""));
        assertTrue(html.contains("data-context-path=\"/jira\""));
        assertTrue(html.contains("data-rest-base=\"/rest/api-tokens/latest\""));
        assertTrue(html.contains("<dd id=\"profile-username\">alice</dd>"));
        assertTrue(html.contains("Alice &lt;b&gt;Liddell&lt;/b&gt;"), "the display name is escaped");
        assertFalse(html.contains("<b>Liddell"));
        assertTrue(html.contains("src=\"/jira/apitokens-ui/profile.js\""));
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing is loaded from elsewhere");
        assertTrue(html.contains("<li hidden><a href=\"/jira/secure/admin/ApiTokens.jspa\">"),
                "no admin link for a non-admin");
        assertEquals("no-store", profile.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals(SecurityHeaders.CONTENT_SECURITY_POLICY,
                profile.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals("DENY", profile.headers().firstValue("X-Frame-Options").orElseThrow());
        assertTrue(profile.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    }

    @Test
    void theAdminPageIsForAdministratorsOnly() throws Exception {
        HttpResponse<String> refused = get("/secure/admin/ApiTokens.jspa", "alice");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("Only administrators can manage everybody&#39;s API tokens."));
        assertFalse(refused.body().contains("admin.js"));

        HttpResponse<String> admin = get("/secure/admin/ApiTokens.jspa", "admin");
        assertEquals(200, admin.statusCode());
        assertTrue(admin.body().contains("id=\"admin-tokens\" data-page-size=\"25\" data-expires-soon-days=\"7\""));
        assertTrue(admin.body().contains("<li ><a href=\"/jira/secure/admin/ApiTokens.jspa\">"));
        assertTrue(admin.body().contains("src=\"/jira/apitokens-ui/admin.js\""));
        assertTrue(admin.body().contains("src=\"/jira/apitokens-ui/admin-audit.js\""));
        assertTrue(admin.body().contains("id=\"admin-audit\" data-page-size=\"25\""));
    }

    @Test
    void aFailingHostGivesAPageNotAStackTrace() throws Exception {
        HttpResponse<String> response = get("/secure/ViewProfile.jspa", "broken");
        assertEquals(503, response.statusCode());
        assertTrue(response.body().contains("cannot check your login"));
        assertFalse(response.body().contains("IllegalStateException"));
        assertFalse(response.body().contains("user directory down"));
    }

    @Test
    void assetsAreServedFromTheBundleWithTypesAndEtags() throws Exception {
        for (String file : AssetServlet.FILES) {
            HttpResponse<String> asset = get("/apitokens-ui/" + file, null);
            assertEquals(200, asset.statusCode(), file);
            assertFalse(asset.body().isBlank(), file);
            assertEquals("nosniff", asset.headers().firstValue("X-Content-Type-Options").orElseThrow());
            String etag = asset.headers().firstValue("ETag").orElseThrow();
            assertEquals(304, get("/apitokens-ui/" + file, null, "If-None-Match", etag).statusCode(), file);
        }
        assertEquals("text/javascript;charset=utf-8", get("/apitokens-ui/common.js", null).headers()
                .firstValue("Content-Type").orElseThrow().replace(" ", ""));
        assertTrue(get("/apitokens-ui/apitokens.css", null).headers().firstValue("Content-Type").orElseThrow()
                .startsWith("text/css"));
    }

    @Test
    void onlyListedAssetsAreServed() throws Exception {
        assertEquals(404, get("/apitokens-ui/layout.html", null).statusCode());
        assertEquals(404, get("/apitokens-ui/", null).statusCode());
        int traversal = get("/apitokens-ui/%2e%2e/templates/layout.html", null).statusCode();
        assertTrue(traversal == 404 || traversal == 400, "traversal answered " + traversal);
    }

    @Test
    void noPageOrScriptUsesInlineCodeOrExternalResources() throws Exception {
        String profile = get("/secure/ViewProfile.jspa", "admin").body();
        assertFalse(profile.contains("onclick="), "the CSP forbids inline handlers");
        assertFalse(profile.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "the CSP forbids inline scripts");
        for (String file : AssetServlet.FILES) {
            String body = get("/apitokens-ui/" + file, null).body();
            assertFalse(body.contains("//fonts.") || body.contains("cdn") || body.contains("@import url(http"), file);
            assertFalse(body.contains("alert("), file + " must show errors in the page, not in alert()");
            assertFalse(body.contains("innerHTML"), file + " must build DOM without innerHTML");
        }
    }
}
