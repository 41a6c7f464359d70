package dev.apitokens.authfilter.internal;

import dev.apitokens.api.AuthenticationResult;
import dev.apitokens.api.TokenScope;
import dev.apitokens.api.TokenService;
import dev.apitokens.api.TokenStoreUnavailableException;
import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.http.support.AuthorizationHeader;
import dev.apitokens.http.support.JsonMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.propertytypes.ServiceRanking;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterAsyncSupported;
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
// async-capable, so that servlets behind it may read bodies without blocking a thread
@HttpWhiteboardFilterAsyncSupported
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

        @AttributeDefinition(name = "Failures per token per window",
                description = "Failed authentications one token id may have per window; beyond it, wrong secrets "
                        + "for that id are answered 429 with Retry-After and summarised in the log instead of one "
                        + "line each. A correct secret is still verified and accepted, so guesses against an id "
                        + "never lock its holder out. 0 turns this throttle off.")
        int maxFailuresPerToken() default 10;

        @AttributeDefinition(name = "Failures per client address per window",
                description = "Failed token authentications one client address may have per window; beyond it, "
                        + "every token request from that address is answered 429 with Retry-After without being "
                        + "checked, until the window ends. 0 turns this throttle off.")
        int maxFailuresPerAddress() default 100;

        @AttributeDefinition(name = "Throttle window (seconds)",
                description = "Length of the window the failure budgets count in; it starts with a key's first failure.")
        int throttleWindowSeconds() default 60;

        @AttributeDefinition(name = "Tracked keys",
                description = "Most token ids, and most client addresses, whose failures are counted at once (memory "
                        + "bound: about 100 bytes each). When full, ended windows and keys within budget make room.")
        int maxTrackedKeys() default 10_000;

        @AttributeDefinition(name = "Trusted proxies",
                description = "Addresses or CIDR ranges (10.0.0.5, 10.0.0.0/8, fd00::/8) of reverse proxies whose "
                        + "X-Forwarded-For names the client address. Empty: the peer address is the client, and "
                        + "X-Forwarded-For is ignored (a client could write anything into it).")
        String[] trustedProxies() default {};
    }

    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);
    private static final int MAX_LOGGED_USERNAME = 100;
    /** Longer than any host's usernames (Jira's and Confluence's are at most 255): logged as a fingerprint. */
    private static final int MAX_USERNAME = 255;
    /** 32 or more letters and digits in a row: more likely a secret (a mistyped token) than a name. */
    private static final Pattern SECRET_LIKE = Pattern.compile("[0-9A-Za-z_-]{32,}");

    private final TokenService tokens;
    private final HostLogin hostLogin;
    private final String realm;
    private final ClientAddress clientAddress;
    private final FailureThrottle perToken;
    private final FailureThrottle perAddress;
    private final int windowSeconds;
    private final ScheduledExecutorService summaries;

    @Activate
    public AuthFilter(@Reference TokenService tokens, @Reference HostLogin hostLogin, Config config) {
        this(tokens, hostLogin, config, Clock.systemUTC());
    }

    AuthFilter(TokenService tokens, HostLogin hostLogin, Config config, Clock clock) {
        this.tokens = tokens;
        this.hostLogin = hostLogin;
        this.realm = config.realm().replace("\"", "").replace("\\", "");
        this.clientAddress = ClientAddress.trusting(config.trustedProxies(),
                problem -> LOG.error("Ignoring a trusted proxy in the configuration of {}: {}", PID, problem));
        this.windowSeconds = Math.max(1, config.throttleWindowSeconds());
        this.perToken = new FailureThrottle(config.maxFailuresPerToken(), windowSeconds, config.maxTrackedKeys(), clock);
        this.perAddress = new FailureThrottle(config.maxFailuresPerAddress(), windowSeconds, config.maxTrackedKeys(),
                clock);
        this.summaries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "api-tokens-throttle-summary");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, windowSeconds / 4);
        summaries.scheduleWithFixedDelay(this::logThrottleSummaries, period, period, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        summaries.shutdownNow();
        logThrottleSummaries();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        // Loops, not streams: this runs on every request to /rest/*, with a token or not.
        List<String> headers = AuthorizationHeader.all(request);
        if (headers.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        TokenCredentials credentials = TokenCredentials.read(headers.get(0), tokens::isTokenFormat);
        if (headers.size() > 1 && anyOurs(headers)) {
            // Only the first would be checked here, while the host or an application may read another one.
            LOG.info("API token authentication refused for a request from {}: {} Authorization headers",
                    clientAddress.of(request), headers.size());
            JsonMessage.send(response, HttpServletResponse.SC_BAD_REQUEST, "send exactly one Authorization header");
            return;
        }
        if (credentials.kind() == TokenCredentials.Kind.NOT_OURS) {
            chain.doFilter(request, response);
            return;
        }
        if (credentials.kind() == TokenCredentials.Kind.TOKEN_AS_USERNAME) {
            // Passed on, the host's password login would take the secret for a username and may log it.
            String client = clientAddress.of(request);
            if (throttledAddress(response, client)) {
                return;
            }
            perAddress.recordFailure(client);
            LOG.info("API token authentication refused for a request from {}: the token was sent as the Basic "
                    + "username", client);
            challenge(response);
            JsonMessage.send(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "send the API token as the password (--user username:token) or as a Bearer token");
            return;
        }
        String client = clientAddress.of(request);
        if (throttledAddress(response, client)) {
            return;
        }
        AuthenticationResult result;
        try {
            result = tokens.authenticate(credentials.username(), credentials.token(), client);
        } catch (TokenStoreUnavailableException e) {
            result = AuthenticationResult.failure(Reason.STORE_UNAVAILABLE, null, e.getMessage());
        } catch (RuntimeException e) {
            // The service promises not to throw; if it does, answer without a stack trace and keep the cause.
            LOG.error("API token authentication failed unexpectedly", e);
            JsonMessage.send(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR, "internal error");
            return;
        }
        if (result.isSuccess()) {
            if (isPermitted(request, response, result, client)) {
                chain.doFilter(hostLogin.proceedAs(result.user(), result.tokenId(), request), response);
            }
            return;
        }
        refuse(client, response, credentials, result);
    }

    /**
     * The token's scope and path limits, on an authenticated request; answers 403 when the request is outside
     * them. The token was right, so this spends no failure budget.
     */
    private boolean isPermitted(HttpServletRequest request, HttpServletResponse response, AuthenticationResult result,
            String client) throws IOException {
        TokenScope scope = result.scope();
        if (!scope.allowsMethod(request.getMethod())) {
            LOG.info("API token {} of user {} from {} refused for {} {}: it has the {} scope", result.tokenId(),
                    result.user().name(), client, loggableMethod(request), RequestPath.loggable(request),
                    scope.jsonName());
            JsonMessage.send(response, HttpServletResponse.SC_FORBIDDEN, "this API token has the " + scope.jsonName()
                    + " scope: only GET, HEAD and OPTIONS requests are allowed");
            return false;
        }
        List<String> allowed = result.allowedPaths();
        if (allowed.isEmpty()) {
            return true;
        }
        Optional<String> path = RequestPath.of(request);
        if (path.isPresent() && RequestPath.isWithin(path.get(), allowed)) {
            return true;
        }
        LOG.info("API token {} of user {} from {} refused for {} {}: {}", result.tokenId(), result.user().name(),
                client, loggableMethod(request), RequestPath.loggable(request),
                path.isEmpty() ? "the path is ambiguous" : "outside its allowed paths " + allowed);
        JsonMessage.send(response, HttpServletResponse.SC_FORBIDDEN, path.isEmpty()
                ? "this API token is limited to some paths, and this request path is ambiguous"
                : "this API token is limited to the paths " + String.join(", ", allowed));
        return false;
    }

    private static String loggableMethod(HttpServletRequest request) {
        String method = String.valueOf(request.getMethod());
        return method.length() > 20 || !method.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? "<odd method>" : method;
    }

    private boolean anyOurs(List<String> headers) {
        for (String header : headers) {
            if (TokenCredentials.read(header, tokens::isTokenFormat).isOurs()) {
                return true;
            }
        }
        return false;
    }

    /** Answers 429 if the client address has spent its failure budget: its token requests are not even checked. */
    private boolean throttledAddress(HttpServletResponse response, String client) throws IOException {
        long retryAfter = perAddress.retryAfterSeconds(client);
        if (retryAfter == 0) {
            return false;
        }
        if (perAddress.recordFailure(client) == perAddress.budget() + 1) {
            logThrottled("client address", client, perAddress);
        }
        tooManyFailures(response, retryAfter);
        return true;
    }

    private void refuse(String client, HttpServletResponse response, TokenCredentials credentials,
            AuthenticationResult result) throws IOException {
        Reason reason = result.reason();
        String detail = result.detail() == null ? "" : ": " + result.detail();
        if (reason == Reason.STORE_UNAVAILABLE || reason == Reason.HASHER_MISSING || reason == Reason.NOT_LICENSED) {
            // Operator problems: every token user is affected, so say it louder than a single bad token. They are
            // not the client's failures, so they spend no budget.
            LOG.warn("API token authentication refused ({}) for token {} of user {} from {}{}", reason,
                    result.tokenId(), loggable(credentials.username()), client, detail);
        } else {
            int addressFailures = perAddress.recordFailure(client);
            int tokenFailures = perToken.recordFailure(result.tokenId());
            boolean addressOver = perAddress.budget() > 0 && addressFailures > perAddress.budget();
            boolean tokenOver = perToken.budget() > 0 && tokenFailures > perToken.budget();
            if (!addressOver && !tokenOver) {
                LOG.info("API token authentication refused ({}) for token {} of user {} from {}{}", reason,
                        result.tokenId(), loggable(credentials.username()), client, detail);
            } else {
                if (addressFailures == perAddress.budget() + 1) {
                    logThrottled("client address", client, perAddress);
                }
                if (tokenFailures == perToken.budget() + 1) {
                    logThrottled("token", result.tokenId(), perToken);
                    tokens.throttled(result.tokenId(), loggable(credentials.username()), client);
                }
                long retryAfter = Math.max(perAddress.retryAfterSeconds(client),
                        perToken.retryAfterSeconds(result.tokenId()));
                tooManyFailures(response, Math.max(1, retryAfter));
                return;
            }
        }
        if (reason == Reason.STORE_UNAVAILABLE) {
            response.setHeader("Retry-After", "30");
            JsonMessage.send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, reason.clientMessage());
            return;
        }
        challenge(response);
        JsonMessage.send(response, HttpServletResponse.SC_UNAUTHORIZED, reason.clientMessage());
    }

    private void tooManyFailures(HttpServletResponse response, long retryAfterSeconds) throws IOException {
        response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
        JsonMessage.send(response, 429, "too many failed authentications; retry after " + retryAfterSeconds + " s");
    }

    private void logThrottled(String what, String key, FailureThrottle throttle) {
        LOG.warn("API token authentication throttled for {} {}: {} failures within {} s; further failures are "
                + "answered 429 and summarised once the window ends", what, key, throttle.budget(), windowSeconds);
    }

    /** Logs one line per token id and client address whose window ended over budget; runs on a timer. */
    void logThrottleSummaries() {
        try {
            perToken.takeEndedOverBudget().forEach(s -> logSummary("token", s));
            perAddress.takeEndedOverBudget().forEach(s -> logSummary("client address", s));
        } catch (RuntimeException e) {
            LOG.error("Summarising throttled API token authentications failed", e);
        }
    }

    private void logSummary(String what, FailureThrottle.Summary summary) {
        LOG.warn("API token authentication throttled for {} {}: {} failed attempts in its {} s window, {} of them "
                + "answered 429", what, summary.key(), summary.failures(), windowSeconds, summary.beyondBudget());
    }

    private void challenge(HttpServletResponse response) {
        response.addHeader("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        response.addHeader("WWW-Authenticate", "Bearer realm=\"" + realm + "\", error=\"invalid_token\"");
    }

    /**
     * The client-chosen Basic username as it may appear in a log line: control characters (a CR/LF would let a
     * client forge whole lines, such as the authentication line) become '?', and the length is capped. A username
     * that is one of our tokens (a client that sent {@code token:token}), looks like a secret, or is longer than
     * any username could be appears only as a short fingerprint, so a secret never reaches the log.
     */
    String loggable(String username) {
        if (username == null) {
            return null;
        }
        if (username.length() > MAX_USERNAME || tokens.isTokenFormat(username.strip())
                || SECRET_LIKE.matcher(username).find()) {
            return fingerprint(username);
        }
        StringBuilder out = new StringBuilder(Math.min(username.length(), MAX_LOGGED_USERNAME + 3));
        for (int i = 0; i < username.length() && i < MAX_LOGGED_USERNAME; i++) {
            char c = username.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return username.length() > MAX_LOGGED_USERNAME ? out.append("...").toString() : out.toString();
    }

    /** {@code <redacted, 48 chars, sha256 1a2b3c4d>}: enough to tell two such names apart, nothing to reuse. */
    static String fingerprint(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "<redacted, " + secret.length() + " chars, sha256 " + HexFormat.of().formatHex(digest, 0, 4) + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
