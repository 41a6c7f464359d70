package dev.apitokens.host.standalone.users.internal;

import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.RequestUser;
import dev.apitokens.http.support.BaseUrl;
import dev.apitokens.http.support.JsonMessage;
import dev.apitokens.http.support.NotAuthenticated;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * Jira's session resource, {@code /rest/auth/1/session}: {@code POST {"username", "password"}} logs in and sets the
 * session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS), {@code GET} says who is logged in, {@code DELETE} logs
 * out. Login accepts JSON only, so a cross-site HTML form cannot log a victim into the attacker's account.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("api-tokens-standalone-session")
@HttpWhiteboardServletPattern(SessionServlet.PATH)
@HttpWhiteboardServletAsyncSupported
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=default)")
public class SessionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Jira's session resource. */
    static final String PATH = "/rest/auth/1/session";
    /** A username and a password fit many times over; more is not a login. */
    static final int MAX_BODY_BYTES = 8192;
    /** A login body is a few dozen bytes: one that has not arrived after this long is not coming. */
    static final long BODY_TIMEOUT_MILLIS = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient UserDirectory users;
    private final transient SessionRegistry sessions;

    @Activate
    public SessionServlet(@Reference UserDirectory users, @Reference SessionRegistry sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            // the body is left unread, so the connection cannot carry another request: say so, or a keep-alive
            // client sends its next request into a connection the server is closing
            response.setHeader("Connection", "close");
            JsonMessage.send(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type must be application/json");
            return;
        }
        AsyncBody.read(request, MAX_BODY_BYTES, BODY_TIMEOUT_MILLIS, this::login);
    }

    private void login(byte[] bytes, HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(bytes);
        } catch (JacksonException e) {
            JsonMessage.send(response, HttpServletResponse.SC_BAD_REQUEST, "the request body is not valid JSON");
            return;
        }
        if (body == null || !body.path("username").isTextual() || !body.path("password").isTextual()) {
            JsonMessage.send(response, HttpServletResponse.SC_BAD_REQUEST,
                    "expected {\"username\": \"...\", \"password\": \"...\"}");
            return;
        }
        Optional<HostUser> user = users.authenticate(body.get("username").asText(),
                body.get("password").asText().toCharArray());
        if (user.isEmpty()) {
            JsonMessage.send(response, HttpServletResponse.SC_UNAUTHORIZED, "Login failed: wrong username or password");
            return;
        }
        // a new id on every login, so a session id planted before the login is worth nothing after it
        LoginFilter.sessionCookies(request).forEach(sessions::close);
        String id = sessions.open(user.get().key());
        response.addHeader("Set-Cookie", cookie(request, id, -1));
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("session").put("name", SessionRegistry.COOKIE).put("value", id);
        answer.putObject("loginInfo");
        send(response, answer);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<RequestUser> current = AuthenticatedRequest.of(request);
        if (current.isEmpty()) {
            NotAuthenticated.send(request, response);
            return;
        }
        HostUser user = current.get().user();
        ObjectNode answer = JSON.createObjectNode()
                .put("self", BaseUrl.of(request) + "/rest/api/latest/user?username=" + user.name())
                .put("name", user.name())
                .put("key", user.key())
                .put("displayName", user.displayName())
                .put("authenticatedBy", current.get().method().name());
        answer.putObject("loginInfo");
        send(response, answer);
    }

    /** Session answers are per user: {@code no-store}, never from a shared cache. */
    private static void send(HttpServletResponse response, ObjectNode body) throws IOException {
        JsonMessage.sendJson(response, HttpServletResponse.SC_OK, JSON.writeValueAsBytes(body));
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<String> live = LoginFilter.sessionCookies(request).stream()
                .filter(id -> sessions.userKeyOf(id).isPresent()).toList();
        if (live.isEmpty()) {
            NotAuthenticated.send(request, response);
            return;
        }
        live.forEach(sessions::close);
        response.addHeader("Set-Cookie", cookie(request, "", 0));
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private static String cookie(HttpServletRequest request, String value, int maxAge) {
        String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
        return SessionRegistry.COOKIE + "=" + value + "; Path=" + path + (maxAge >= 0 ? "; Max-Age=" + maxAge : "")
                + "; HttpOnly; SameSite=Lax" + (request.isSecure() ? "; Secure" : "");
    }
}
