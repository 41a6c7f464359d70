package dev.apitokens.host.standalone.users.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.hasher.tck.ComponentConfig;
import dev.apitokens.host.spi.HostUser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
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
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


/**
 * The host's login over real HTTP (Jetty), in the order the whiteboard runs it: a stand-in for the token filter
 * (which hands over with {@link StandaloneHostLogin#proceedAs}), then {@link LoginFilter}, then the endpoints
 * (the session resource, and a who-am-I stand-in for the product endpoints).
 */
class HostLoginHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String TOKEN = "tok_good";

    @TempDir
    static Path data;
    private static Server server;
    private static String base;
    private static String adminPassword;
    private static SessionRegistry sessions;

    @BeforeAll
    static void start() throws Exception {
        HostConfig hostConfig = ComponentConfig.of(HostConfig.class, Map.of("passwordIterations", 1_000));
        new UserDirectory(data, hostConfig); // creates the admin
        new UsersFile(data.resolve("users.json")).update(existing -> List.of(existing.get(0),
                UserRecord.create("mallory", null, false, new PasswordKdf(1_000).hash("mallory-pw".toCharArray()))));
        UserDirectory users = new UserDirectory(data, hostConfig);
        adminPassword = Files.readString(data.resolve("admin-password.txt")).strip();
        LoginConfig loginConfig = ComponentConfig.of(LoginConfig.class, Map.of());
        sessions = new SessionRegistry(ComponentConfig.of(SessionsConfig.class, Map.of()));
        StandaloneHostLogin hostLogin = new StandaloneHostLogin();
        HostUser admin = users.findByName("admin").orElseThrow();
        // what the token filter does with a token it accepted
        Filter tokenFilter = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            boolean token = ("Bearer " + TOKEN).equals(http.getHeader("Authorization"));
            chain.doFilter(token ? hostLogin.proceedAs(admin, "tokenid1", http) : request, response);
        };

        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        // async-capable like the whiteboard registrations, so the session servlet can read bodies without blocking
        FilterHolder tokenHolder = new FilterHolder(tokenFilter);
        tokenHolder.setAsyncSupported(true);
        context.addFilter(tokenHolder, "/rest/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder loginHolder = new FilterHolder(new LoginFilter(users, sessions, loginConfig));
        loginHolder.setAsyncSupported(true);
        context.addFilter(loginHolder, "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder sessionHolder = new ServletHolder(new SessionServlet(users, sessions));
        sessionHolder.setAsyncSupported(true);
        context.addServlet(sessionHolder, "/rest/auth/1/session");
        // a stand-in for the product's endpoints (bundle host-standalone-samples), at Jira's who-am-I path
        context.addServlet(new ServletHolder(new WhoAmIServlet(hostLogin)), "/rest/api/2/myself");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void anonymousRequestsReachTheEndpointWhichAnswers401Json() throws Exception {
        for (String path : List.of("/rest/api/2/myself", "/rest/auth/1/session")) {
            HttpResponse<String> response = get(path, Map.of());
            assertEquals(401, response.statusCode(), path);
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
            assertEquals("Basic realm=\"api-tokens\"", response.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertTrue(json(response).path("message").asText().contains("not authenticated"), response.body());
        }
    }

    @Test
    void aRefusedLoginLogsNeitherAnUnknownNameNorItsLineBreaks() throws Exception {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(LoginFilter.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            assertEquals(401, get("/rest/api/2/myself", basic("hunter2\nFORGED line", "x")).statusCode());
            assertEquals(401, get("/rest/api/2/myself", basic("hunter2 FORGED", "x")).statusCode());
            assertEquals(401, get("/rest/api/2/myself", basic("admin", adminPassword + "x")).statusCode());
            assertEquals(401, get("/rest/api/2/myself", basic("admin", adminPassword + "\0")).statusCode(),
                    "PBKDF2 would take it for the password: control characters make credentials malformed");
        } finally {
            logger.detachAppender(appender);
        }
        String logged = appender.list.stream().map(e -> e.getFormattedMessage()).toList().toString();
        assertTrue(!logged.contains("hunter2") && !logged.contains("FORGED"), logged);
        assertTrue(logged.contains("refused for an unknown user"), logged);
        assertTrue(logged.contains("Basic credentials with a control character"), logged);
        assertTrue(logged.contains("refused for user admin"), logged);
    }

    @Test
    void aPasswordAuthenticatesAsPassword() throws Exception {
        JsonNode me = json(get("/rest/api/2/myself", basic("admin", adminPassword)));
        assertEquals("admin", me.path("name").asText());
        assertEquals("admin", me.path("key").asText());
        assertEquals("Administrator", me.path("displayName").asText());
        assertEquals("PASSWORD", me.path("authenticatedBy").asText());
        assertTrue(me.path("tokenId").isMissingNode());
        assertEquals("admin", json(get("/rest/api/2/myself", basic("ADMIN", adminPassword))).path("name").asText(),
                "user names are case-insensitive");
    }

    @Test
    void aWrongPasswordIsRefusedByTheFilterWith401() throws Exception {
        HttpResponse<String> response = get("/rest/api/2/myself", basic("admin", adminPassword + "x"));
        assertEquals(401, response.statusCode());
        assertEquals(401, get("/rest/api/2/myself", basic("nobody", adminPassword)).statusCode());
        assertEquals(401, get("/rest/api/2/myself", Map.of("Authorization", "Basic !!!notbase64")).statusCode());
        assertEquals(401, get("/rest/api/2/myself", Map.of("Authorization",
                "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes()))).statusCode());
    }

    @Test
    void aTokenRequestIsLeftToTheTokenFilterAndReportedAsToken() throws Exception {
        JsonNode me = json(get("/rest/api/2/myself", Map.of("Authorization", "Bearer " + TOKEN)));
        assertEquals("TOKEN", me.path("authenticatedBy").asText());
        assertEquals("tokenid1", me.path("tokenId").asText());
        // a foreign Bearer token is not a login: anonymous
        assertEquals(401, get("/rest/api/2/myself", Map.of("Authorization", "Bearer other")).statusCode());
    }

    @Test
    void sessionLoginWhoAmIAndLogout() throws Exception {
        HttpResponse<String> login = post("/rest/auth/1/session", "application/json",
                "{\"username\":\"admin\",\"password\":\"" + adminPassword + "\"}");
        assertEquals(200, login.statusCode(), login.body());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith("APITOKENS_SESSION="), setCookie);
        assertTrue(setCookie.contains("; HttpOnly") && setCookie.contains("; SameSite=Lax")
                && setCookie.contains("; Path=/"), setCookie);
        assertFalse(setCookie.contains("Max-Age"), "a session cookie, gone when the browser closes");
        JsonNode session = json(login).path("session");
        assertEquals("APITOKENS_SESSION", session.path("name").asText());
        Map<String, String> cookie = Map.of("Cookie", "APITOKENS_SESSION=" + session.path("value").asText());

        JsonNode whoAmI = json(get("/rest/auth/1/session", cookie));
        assertEquals("admin", whoAmI.path("name").asText());
        assertEquals("SESSION", whoAmI.path("authenticatedBy").asText());
        assertEquals("SESSION", json(get("/rest/api/2/myself", cookie)).path("authenticatedBy").asText());

        HttpResponse<String> logout = send(HttpRequest.newBuilder(URI.create(base + "/rest/auth/1/session")).DELETE(),
                cookie);
        assertEquals(204, logout.statusCode());
        assertTrue(logout.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(401, get("/rest/api/2/myself", cookie).statusCode());
        assertEquals(401, send(HttpRequest.newBuilder(URI.create(base + "/rest/auth/1/session")).DELETE(), cookie)
                .statusCode());
    }

    /**
     * A browser sends every cookie of that name it holds, e.g. one planted from a sibling subdomain
     * ({@code Domain=.example.com}) next to its own. Taking the first would run the victim's requests as the
     * planter; sessions of two different users in one request authenticate nobody.
     */
    @Test
    void sessionCookiesOfTwoDifferentUsersAuthenticateNobody() throws Exception {
        String admin = sessions.open("admin");
        String planted = sessions.open("mallory");
        assertEquals(401, get("/rest/api/2/myself", Map.of("Cookie",
                "APITOKENS_SESSION=" + planted + "; APITOKENS_SESSION=" + admin)).statusCode());
        assertEquals(401, get("/rest/api/2/myself", Map.of("Cookie",
                "APITOKENS_SESSION=" + admin + "; APITOKENS_SESSION=" + planted)).statusCode());
        // a stale cookie next to a live one is harmless: the live one counts
        JsonNode me = json(get("/rest/auth/1/session", Map.of("Cookie",
                "APITOKENS_SESSION=stale-id; APITOKENS_SESSION=" + admin)));
        assertEquals("admin", me.path("name").asText());
    }

    @Test
    void sessionLoginRefusesBadInputWithClearJsonErrors() throws Exception {
        HttpResponse<String> wrong = post("/rest/auth/1/session", "application/json",
                "{\"username\":\"admin\",\"password\":\"nope\"}");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
        assertEquals(415, post("/rest/auth/1/session", "application/x-www-form-urlencoded",
                "username=admin&password=x").statusCode());
        HttpResponse<String> malformed = post("/rest/auth/1/session", "application/json", "{\"username\":");
        assertEquals(400, malformed.statusCode());
        assertTrue(json(malformed).path("message").asText().contains("not valid JSON"));
        assertEquals(400, post("/rest/auth/1/session", "application/json", "{\"username\":\"admin\"}").statusCode());
        assertEquals(400, post("/rest/auth/1/session", "application/json", "[]").statusCode());
        HttpResponse<String> huge = post("/rest/auth/1/session", "application/json",
                "{\"username\":\"" + "a".repeat(SessionServlet.MAX_BODY_BYTES) + "\",\"password\":\"x\"}");
        assertEquals(413, huge.statusCode());
        assertTrue(json(huge).path("message").asText().contains("larger than"), huge.body());
    }

    @Test
    void severalBasicHeadersAreRefusedNotGuessedAt() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/rest/api/2/myself")).GET()
                .header("Authorization", basic("mallory", "mallory-pw").get("Authorization"))
                .header("Authorization", basic("admin", adminPassword).get("Authorization"));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode(), "which of the two logs in would be the container's choice");
        assertEquals("send exactly one Authorization header", json(response).path("message").asText());
    }

    @Test
    void heldBackLoginBodiesHoldNoThreads() throws Exception {
        // more clients than the server has threads, each sending headers and half a body, then holding still
        int threads = ((org.eclipse.jetty.util.thread.ThreadPool.SizedThreadPool) server.getThreadPool()).getMaxThreads();
        List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < threads + 50; i++) {
                java.net.Socket socket = new java.net.Socket("127.0.0.1", URI.create(base).getPort());
                socket.getOutputStream().write(("POST /rest/auth/1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"username\":")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            long start = System.nanoTime();
            HttpResponse<String> login = post("/rest/auth/1/session", "application/json",
                    "{\"username\":\"admin\",\"password\":\"" + adminPassword + "\"}");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, login.statusCode(), login.body());
            assertTrue(millis < 5_000, "a real login waited " + millis + " ms behind " + slow.size() + " slow bodies");
        } finally {
            for (java.net.Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aBadlyFramedLoginBodyIs400JsonNot500() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", URI.create(base).getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("POST /rest/auth/1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "zz\r\n{}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("application/json"), answer);
            assertTrue(answer.contains("could not be read"), answer);
        }
    }

    private static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
    }

    private static HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)),
                Map.of("Content-Type", contentType));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers)
            throws IOException, InterruptedException {
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
