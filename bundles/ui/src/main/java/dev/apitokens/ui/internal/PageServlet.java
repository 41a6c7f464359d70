package dev.apitokens.ui.internal;

import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.RequestUser;
import dev.apitokens.http.support.SecurityHeaders;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The user's profile page with its "API tokens" block, and the admin page; anonymous visitors are sent to the
 * host's login page ({@link Config#loginPath()}) and come back after login. The pages are shells:
 * their scripts fetch and change tokens through the REST API with the user's session cookie, so this servlet
 * needs nothing but the host's answer to "who is logged in".
 *
 * <p>The paths are the original product's (Jira's profile URL and login page), which users and documentation link
 * to, so they are fixed rather than configurable.
 */
@Component(service = Servlet.class, configurationPid = PageServlet.PID)
@Designate(ocd = PageServlet.Config.class)
@HttpWhiteboardServletName("apitokens-ui-pages")
@HttpWhiteboardServletPattern({ PageServlet.PROFILE_PATH, PageServlet.ADMIN_PATH })
public class PageServlet extends HttpServlet {

    static final String PID = "dev.apitokens.ui";
    static final String PROFILE_PATH = "/secure/ViewProfile.jspa";
    static final String ADMIN_PATH = "/secure/admin/ApiTokens.jspa";

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PageServlet.class);

    @ObjectClassDefinition(name = "API tokens: UI", description = "The profile-page API tokens block and the admin "
            + "page. They call the REST API from the browser, so the paths below are what the browser "
            + "requests, relative to the servlet context path.")
    public @interface Config {

        @AttributeDefinition(name = "Token REST API", description = "Path of the token REST API.")
        String restBase() default "/rest/api-tokens/latest";

        @AttributeDefinition(name = "Session resource", description = "The host's login session resource: POST "
                + "{\"username\",\"password\"} logs in, DELETE logs out (Jira's /rest/auth/1/session).")
        String sessionResource() default "/rest/auth/1/session";

        @AttributeDefinition(name = "Login page", description = "The host's login page, where anonymous visitors "
                + "are sent with ?os_destination=<the page they asked for>: /login.jsp on Jira and the standalone "
                + "host, /login.action on Confluence.")
        String loginPath() default "/login.jsp";

        @AttributeDefinition(name = "Example resource", description = "A REST resource shown in the profile page's "
                + "curl example; /rest/api/2/myself on Jira, /rest/api/user/current on Confluence.")
        String exampleResource() default "/rest/api/2/myself";

        @AttributeDefinition(name = "Expires soon (days)", description = "Tokens expiring within this many days "
                + "are marked \"expires soon\".", min = "0")
        int expiresSoonDays() default 7;

        @AttributeDefinition(name = "Admin page size", description = "Tokens per page on the admin page (1 to "
                + "1000).", min = "1", max = "1000")
        int adminPageSize() default 25;
    }

    private final transient HostLogin hostLogin;
    private final transient PageTemplates templates = new PageTemplates();
    private final Map<String, String> settings;
    private final String loginPath;

    @Activate
    public PageServlet(@Reference HostLogin hostLogin, Config config) {
        this.hostLogin = hostLogin;
        this.loginPath = config.loginPath();
        this.settings = Map.of(
                "restBase", config.restBase(),
                "sessionResource", config.sessionResource(),
                "exampleResource", config.exampleResource(),
                "expiresSoonDays", String.valueOf(Math.max(0, config.expiresSoonDays())),
                "adminPageSize", String.valueOf(Math.min(1000, Math.max(1, config.adminPageSize()))),
                "loginPath", config.loginPath(),
                "profilePath", PROFILE_PATH,
                "adminPath", ADMIN_PATH);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        response.setHeader("Cache-Control", "no-store");
        Optional<RequestUser> current;
        try {
            current = hostLogin.currentUser(request);
        } catch (RuntimeException e) {
            LOG.warn("The host could not tell who is logged in; answering 503", e);
            message(request, response, 503, "Temporarily unavailable",
                    "The server cannot check your login at the moment. Try again in a minute.", null);
            return;
        }
        HostUser user = current.map(RequestUser::user).orElse(null);
        switch (request.getServletPath()) {
            case PROFILE_PATH -> {
                if (user == null) {
                    response.sendRedirect(LoginRedirect.loginUrlFor(request, loginPath));
                } else {
                    page(request, response, "profile", "Profile: " + user.displayName(), user);
                }
            }
            case ADMIN_PATH -> {
                if (user == null) {
                    response.sendRedirect(LoginRedirect.loginUrlFor(request, loginPath));
                } else if (!user.admin()) {
                    LOG.info("{} was refused the API tokens admin page: not an administrator", user.name());
                    message(request, response, 403, "Access denied",
                            "Only administrators can manage everybody's API tokens.", user);
                } else {
                    page(request, response, "admin", "API tokens administration", user);
                }
            }
            default -> message(request, response, 404, "Page not found", "There is no such page.", user);
        }
    }

    private void page(HttpServletRequest request, HttpServletResponse response, String template, String title,
            HostUser user) throws IOException {
        write(response, 200, templates.page(template, values(request, title, user)));
    }

    private void message(HttpServletRequest request, HttpServletResponse response, int status, String title,
            String text, HostUser user) throws IOException {
        Map<String, String> values = values(request, title, user);
        values.put("message", text);
        write(response, status, templates.page("message", values));
    }

    private Map<String, String> values(HttpServletRequest request, String title, HostUser user) {
        Map<String, String> values = new HashMap<>(settings);
        values.put("contextPath", request.getContextPath());
        values.put("title", title);
        values.put("username", user == null ? "" : user.name());
        values.put("displayName", user == null ? "" : user.displayName());
        values.put("initials", user == null ? "" : initials(user.displayName()));
        values.put("userNavHidden", user == null ? "hidden" : "");
        values.put("adminNavHidden", user != null && user.admin() ? "" : "hidden");
        return values;
    }

    /** Up to two letters for the avatar: "Ada Lovelace" gives "AL", "admin" gives "A". */
    static String initials(String displayName) {
        StringBuilder out = new StringBuilder(2);
        for (String part : displayName.trim().split("\\s+")) {
            if (!part.isEmpty() && out.length() < 2) {
                out.appendCodePoint(Character.toUpperCase(part.codePointAt(0)));
            }
        }
        return out.isEmpty() ? "?" : out.toString();
    }

    private static void write(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html; charset=utf-8");
        response.getWriter().write(html);
    }
}
