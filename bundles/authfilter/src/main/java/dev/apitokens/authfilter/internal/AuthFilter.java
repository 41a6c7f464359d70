package dev.apitokens.authfilter.internal;

import dev.apitokens.api.AuthenticationResult;
import dev.apitokens.api.TokenService;
import dev.apitokens.api.TokenStoreUnavailableException;
import dev.apitokens.host.spi.HostLogin;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.apitokens.api.AuthenticationResult.Reason;

/**
 * Authenticates requests that present one of our API tokens, as the HTTP Basic password ({@code --user
 * name:token}) or as {@code Authorization: Bearer token}, and lets them run as the token's owner.
 *
 * <p>Requests without a token of ours (no credentials, a password, a foreign Bearer token such as Jira's own
 * personal access tokens) pass on untouched, so the host's own login handles them; this is why the filter must
 * rank above the host's login filter. A presented token that fails is answered here with 401 and never reaches
 * the host, so a wrong token cannot be retried as a password.
 *
 * <p>The whiteboard keys (pattern, ranking, context) are configuration attributes, so an operator moves the filter
 * without a rebuild; the annotations give the same values when there is no configuration.
 */
@Component(service = Filter.class, configurationPid = AuthFilter.PID)
@Designate(ocd = AuthFilter.Config.class)
@HttpWhiteboardFilterName("api-tokens-authentication")
@HttpWhiteboardFilterPattern("/rest/*")
@ServiceRanking(AuthFilter.DEFAULT_RANKING)
public class AuthFilter implements Filter {

    static final String PID = "dev.apitokens.authfilter";
    static final int DEFAULT_RANKING = 1000;

    @ObjectClassDefinition(name = "API tokens: authentication filter",
            description = "Authenticates REST requests that carry a personal API token (HTTP Basic or Bearer).")
    public @interface Config {

        @AttributeDefinition(name = "URL patterns",
                description = "Servlet Whiteboard patterns the filter guards. The original product accepts tokens on /rest/* only.")
        String[] osgi_http_whiteboard_filter_pattern() default { "/rest/*" };

        @AttributeDefinition(name = "Ranking",
                description = "Whiteboard filter order, highest first. Must stay above the host's login filter (which must see token requests only after this filter).")
        int service_ranking() default DEFAULT_RANKING;

        @AttributeDefinition(name = "Servlet context selector",
                description = "LDAP filter selecting the servlet context(s) the filter joins.")
        String osgi_http_whiteboard_context_select() default "(osgi.http.whiteboard.context.name=default)";

        @AttributeDefinition(name = "Realm", description = "Realm named in the WWW-Authenticate challenge of a 401.")
        String realm() default "api-tokens";
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);
    private static final int MAX_LOGGED_USERNAME = 100;

    private final TokenService tokens;
    private final HostLogin hostLogin;
    private final String realm;

    @Activate
    public AuthFilter(@Reference TokenService tokens, @Reference HostLogin hostLogin, Config config) {
        this.tokens = tokens;
        this.hostLogin = hostLogin;
        this.realm = config.realm().replace("\"", "").replace("\\", "");
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        Enumeration<String> all = request.getHeaders("Authorization");
        List<String> headers = all == null ? List.of() : Collections.list(all);
        if (headers.size() > 1 && headers.stream().anyMatch(this::carriesOurToken)) {
            // Only the first would be checked here, while the host or an application may read another one.
            LOG.info("API token authentication refused for a request from {}: {} Authorization headers",
                    request.getRemoteAddr(), headers.size());
            JsonError.send(response, HttpServletResponse.SC_BAD_REQUEST, "send exactly one Authorization header");
            return;
        }
        String header = headers.isEmpty() ? null : headers.get(0);
        Optional<TokenCredentials> credentials = TokenCredentials.fromAuthorizationHeader(header, tokens::isTokenFormat);
        if (credentials.isEmpty()) {
            if (TokenCredentials.hasTokenAsUsername(header, tokens::isTokenFormat)) {
                // Passed on, the host's password login would take the secret for a username and may log it.
                LOG.info("API token authentication refused for a request from {}: the token was sent as the Basic "
                        + "username", request.getRemoteAddr());
                challenge(response);
                JsonError.send(response, HttpServletResponse.SC_UNAUTHORIZED,
                        "send the API token as the password (--user username:token) or as a Bearer token");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        AuthenticationResult result;
        try {
            result = tokens.authenticate(credentials.get().username(), credentials.get().token());
        } catch (TokenStoreUnavailableException e) {
            result = AuthenticationResult.failure(Reason.STORE_UNAVAILABLE, null, e.getMessage());
        } catch (RuntimeException e) {
            // The service promises not to throw; if it does, answer without a stack trace and keep the cause.
            LOG.error("API token authentication failed unexpectedly", e);
            JsonError.send(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "internal error");
            return;
        }
        if (result.isSuccess()) {
            chain.doFilter(hostLogin.proceedAs(result.user(), result.tokenId(), request), response);
            return;
        }
        refuse(request, response, credentials.get(), result);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, TokenCredentials credentials,
            AuthenticationResult result) throws IOException {
        Reason reason = result.reason();
        String detail = result.detail() == null ? "" : ": " + result.detail();
        if (reason == Reason.STORE_UNAVAILABLE || reason == Reason.HASHER_MISSING || reason == Reason.NOT_LICENSED) {
            // Operator problems: every token user is affected, so say it louder than a single bad token.
            LOG.warn("API token authentication refused ({}) for token {} of user {} from {}{}", reason,
                    result.tokenId(), loggable(credentials.username()), request.getRemoteAddr(), detail);
        } else {
            LOG.info("API token authentication refused ({}) for token {} of user {} from {}{}", reason,
                    result.tokenId(), loggable(credentials.username()), request.getRemoteAddr(), detail);
        }
        if (reason == Reason.STORE_UNAVAILABLE) {
            response.setHeader("Retry-After", "30");
            JsonError.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, reason.clientMessage());
            return;
        }
        challenge(response);
        JsonError.send(response, HttpServletResponse.SC_UNAUTHORIZED, reason.clientMessage());
    }

    private boolean carriesOurToken(String header) {
        return TokenCredentials.fromAuthorizationHeader(header, tokens::isTokenFormat).isPresent()
                || TokenCredentials.hasTokenAsUsername(header, tokens::isTokenFormat);
    }

    private void challenge(HttpServletResponse response) {
        response.addHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        response.addHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\", error=\"invalid_token\"");
    }

    /**
     * The client-chosen Basic username as it may appear in a log line: control characters (a CR/LF would let a
     * client forge whole lines, such as the authentication line) become '?', and the length is capped.
     */
    static String loggable(String username) {
        if (username == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(username.length(), MAX_LOGGED_USERNAME + 3));
        for (int i = 0; i < username.length() && i < MAX_LOGGED_USERNAME; i++) {
            char c = username.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return username.length() > MAX_LOGGED_USERNAME ? out.append("...").toString() : out.toString();
    }
}
