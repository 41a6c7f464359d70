package dev.apitokens.host.standalone.users.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.http.support.Html;
import dev.apitokens.http.support.SecurityHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The standalone host's pages of its own, as Jira has them: the login page ({@value #LOGIN_PATH}, which logs in
 * through {@link SessionServlet} and then returns to {@code ?os_destination=}), and the context root, the address
 * the launcher prints, which sends a signed-in user to the home page and anyone else to the login page. As the
 * default servlet it also answers every path nobody serves: 404.
 */
@Component(service = Servlet.class, configurationPid = LoginPage.PID)
@Designate(ocd = LoginPage.Config.class)
@HttpWhiteboardServletName("api-tokens-standalone-login-page")
@HttpWhiteboardServletPattern({ LoginPage.ROOT_PATH, LoginPage.LOGIN_PATH, LoginPage.ASSETS_PATH })
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=default)")
public class LoginPage extends HttpServlet {

    static final String PID = "dev.apitokens.host.standalone.loginpage";
    /** The default servlet: the context root and every path no other servlet serves. */
    static final String ROOT_PATH = "/";
    /** Jira's login page, which scripts, bookmarks and the API tokens pages link to. */
    static final String LOGIN_PATH = "/login.jsp";
    static final String ASSETS_PATH = "/login-page/*";

    private static final long serialVersionUID = 1L;
    /** What the page's script needs: nothing but itself and its style sheet. */
    private static final Map<String, String> ASSETS = Map.of(
            "/login.js", "text/javascript; charset=utf-8",
            "/login.css", "text/css; charset=utf-8");

    @ObjectClassDefinition(name = "API tokens: standalone host login page",
            description = "The standalone host's login page (/login.jsp) and context root.")
    public @interface Config {

        @AttributeDefinition(name = "Home page", description = "Where the context root sends a signed-in user, and "
                + "where a login goes when it was not sent from another page: the profile page with the API tokens.")
        String homePage() default "/secure/ViewProfile.jspa";
    }

    private final String homePage;
    private final transient HostLogin login;
    private final String template = resource("/login.html");

    @Activate
    public LoginPage(@Reference HostLogin login, Config config) {
        this.login = login;
        this.homePage = LoginDestination.safe(config.homePage(), "/secure/ViewProfile.jspa");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        switch (request.getServletPath()) {
            case LOGIN_PATH -> loginPage(request, response);
            case "/login-page" -> asset(request.getPathInfo(), response);
            default -> {
                // the default servlet: servlet path and path info of the root differ between containers
                String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
                if (path.isEmpty() || path.equals(ROOT_PATH)) {
                    boolean signedIn = login.currentUser(request).isPresent();
                    response.setHeader("Cache-Control", "no-store");
                    response.sendRedirect(request.getContextPath() + (signedIn ? homePage : LOGIN_PATH));
                } else {
                    page(response, 404, "<h1>Page not found</h1><p>There is no such page.</p>");
                }
            }
        }
    }

    private void loginPage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String destination = LoginDestination.safe(request.getParameter(LoginDestination.PARAMETER), homePage);
        if (login.currentUser(request).isPresent()) {
            response.sendRedirect(request.getContextPath() + destination);
            return;
        }
        // the context path first: a destination is the user's text and must not be searched for placeholders
        page(response, 200, template.replace("{{contextPath}}", Html.escape(request.getContextPath()))
                .replace("{{sessionResource}}", SessionServlet.PATH)
                .replace("{{destination}}", Html.escape(destination)));
    }

    private static void asset(String name, HttpServletResponse response) throws IOException {
        String type = name == null ? null : ASSETS.get(name);
        if (type == null) {
            page(response, 404, "<h1>Page not found</h1><p>There is no such page.</p>");
            return;
        }
        byte[] body = resource(name).getBytes(UTF_8);
        response.setContentType(type);
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void page(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        response.getWriter().write(status == 200 ? html
                : "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page not found</title></head>"
                        + "<body>" + html + "</body></html>");
    }

    private static String resource(String name) {
        try (InputStream in = LoginPage.class.getResourceAsStream("/login-page" + name)) {
            if (in == null) {
                throw new IllegalStateException("no /login-page" + name + " in the bundle");
            }
            return new String(in.readAllBytes(), UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
