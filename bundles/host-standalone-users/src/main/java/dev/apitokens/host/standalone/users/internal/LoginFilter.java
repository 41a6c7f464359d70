package dev.apitokens.host.standalone.users.internal;

import dev.apitokens.host.spi.HostUser;
import dev.apitokens.http.support.AuthorizationHeader;
import dev.apitokens.http.support.BasicCredentials;
import dev.apitokens.http.support.JsonMessage;
import dev.apitokens.http.support.NotAuthenticated;
import dev.apitokens.host.spi.RequestUser;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * The standalone host's own login, behind the API token filter: HTTP Basic with a password, or the session cookie
 * of {@code /rest/auth/1/session}. Requests the token filter already authenticated pass untouched; requests without
 * credentials pass on anonymous (each endpoint decides whether that is a 401); a wrong password is a 401 here.
 */
@Component(service = Filter.class, configurationPid = LoginConfig.PID)
@Designate(ocd = LoginConfig.class)
@HttpWhiteboardFilterName("api-tokens-standalone-login")
// async-capable, so that servlets behind it may read bodies without blocking a thread
@HttpWhiteboardFilterAsyncSupported
@HttpWhiteboardFilterPattern("/*")
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=default)")
@ServiceRanking(LoginConfig.DEFAULT_RANKING)
public class LoginFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(LoginFilter.class);

    private final UserDirectory users;
    private final SessionRegistry sessions;
    private final String realm;

    @Activate
    public LoginFilter(@Reference UserDirectory users, @Reference SessionRegistry sessions, LoginConfig config) {
        this.users = users;
        this.sessions = sessions;
        this.realm = config.realm().replace("\"", "").replace("\\", "");
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        request.setAttribute(NotAuthenticated.REALM_ATTRIBUTE, realm);
        if (AuthenticatedRequest.of(request).isPresent()) {
            chain.doFilter(request, response);
            return;
        }
        List<String> headers = AuthorizationHeader.all(request);
        if (headers.size() > 1 && headers.stream().anyMatch(BasicCredentials::isBasic)) {
            LOG.info("Password login refused from {}: {} Authorization headers", request.getRemoteAddr(),
                    headers.size());
            JsonMessage.send(response, HttpServletResponse.SC_BAD_REQUEST, "send exactly one Authorization header");
            return;
        }
        String header = headers.isEmpty() ? null : headers.get(0);
        if (BasicCredentials.isBasic(header)) {
            Optional<HostUser> user = basicLogin(header, request);
            if (user.isEmpty()) {
                NotAuthenticated.send(request, response);
                return;
            }
            chain.doFilter(AuthenticatedRequest.as(request, new RequestUser(user.get(), RequestUser.Method.PASSWORD,
                    null)), response);
            return;
        }
        Optional<HostUser> sessionUser = sessionUserKey(request).flatMap(users::findByKey).filter(HostUser::active);
        if (sessionUser.isPresent()) {
            chain.doFilter(AuthenticatedRequest.as(request, new RequestUser(sessionUser.get(),
                    RequestUser.Method.SESSION, null)), response);
            return;
        }
        chain.doFilter(request, response);
    }

    private Optional<HostUser> basicLogin(String header, HttpServletRequest request) {
        BasicCredentials credentials;
        try {
            credentials = BasicCredentials.parse(header).orElseThrow();
        } catch (BasicCredentials.MalformedException e) {
            LOG.info("Password login refused from {}: {}", request.getRemoteAddr(), e.getMessage());
            return Optional.empty();
        }
        try {
            Optional<HostUser> user = users.authenticate(credentials.username(), credentials.password());
            if (user.isEmpty()) {
                // Only a known name is logged: what a client sends may be a password typed in the wrong field,
                // or carry line breaks that would forge log lines.
                LOG.info("Password login refused for {} from {}",
                        users.findByName(credentials.username()).map(u -> "user " + u.name()).orElse("an unknown user"),
                        request.getRemoteAddr());
            }
            return user;
        } finally {
            credentials.clear();
        }
    }

    /**
     * The user of the request's live session. A browser sends every session cookie it holds, and one may have
     * been planted from a sibling subdomain: live sessions of two different users are ambiguous and count as none,
     * rather than whichever cookie happens to come first.
     */
    private Optional<String> sessionUserKey(HttpServletRequest request) {
        List<String> userKeys = sessionCookies(request).stream().map(sessions::userKeyOf).flatMap(Optional::stream)
                .distinct().toList();
        if (userKeys.size() > 1) {
            LOG.info("Session login refused from {}: session cookies of {} different users", request.getRemoteAddr(),
                    userKeys.size());
            return Optional.empty();
        }
        return userKeys.stream().findFirst();
    }

    /** The values of all the request's session cookies, in the order sent. */
    static List<String> sessionCookies(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return List.of();
        }
        return Arrays.stream(cookies).filter(cookie -> SessionRegistry.COOKIE.equals(cookie.getName()))
                .map(Cookie::getValue).toList();
    }

}
