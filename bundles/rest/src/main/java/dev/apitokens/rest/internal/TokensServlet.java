package dev.apitokens.rest.internal;

import dev.apitokens.api.AuditTrail;
import dev.apitokens.api.InvalidTokenRequestException;
import dev.apitokens.api.TokenPolicyException;
import dev.apitokens.api.TokenService;
import dev.apitokens.api.TokenStoreUnavailableException;
import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.host.spi.RequestUser;
import dev.apitokens.http.support.JsonMessage;
import dev.apitokens.spi.LicenseGate;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /rest/api-tokens/latest}, compatible with the original product's (paths, field
 * names, shapes and status codes of its first five endpoints are a contract; fields may be added, never renamed).
 *
 * <h2>Everybody, for their own tokens</h2>
 * <ul>
 * <li>{@code GET /}: 200 {@code [{"label","createdAt","lastAccessed","id","usageCount","expirationDate","expired"}]}
 * (dates in epoch milliseconds or {@code null}; {@code id} is the public token id).</li>
 * <li>{@code POST /} with {@code application/json} {@code {"label": "...", "expirationDate": ...}}: 200
 * {@code {"passwordValue","id","label","createdAt","expirationDate"}}. The expiry is optional, see
 * {@link CreateTokenRequest}. 400 for a missing, blank or over-255-character label, malformed JSON or an expiry
 * not in the future; 415 for another content type; 413 for a body over {@code maxBodyBytes}; 403 when the request
 * itself was authenticated with a token.</li>
 * <li>{@code DELETE /{id}}: 204; 404 for an unknown id or another user's.</li>
 * <li>{@code DELETE /all}: 204.</li>
 * <li>{@code POST /} also takes {@code "scopes": ["read"]} (or {@code ["write"]}, the default),
 * {@code "allowedPaths": ["/rest/api/2/issue"]} and {@code "allowedIps": ["10.0.0.0/8", "2001:db8::1"]}; the
 * answer and {@code GET /} show them, and {@code GET /} adds {@code "createdBy"} (the admin's username, or
 * {@code null}) and {@code "lastAddresses": [{"address","lastSeen"}]} (the last 5 distinct client addresses).</li>
 * <li>{@code GET /self} with a token: that token's record, as in {@code GET /}; 404 when the request was not
 * authenticated with a token.</li>
 * <li>{@code POST /self/rotate} with a token, or {@code POST /{id}/rotate} signed in by session or password (403
 * with a token): 200 with a new secret, as {@code POST /} answers, for the same label, scope, restrictions and
 * expiry; the old secret stops working, and presented again revokes the new one too. 404 for an unknown id or
 * another user's; 400 for an expired token.</li>
 * <li>{@code PATCH /{id}} with {@code {"label": "..."}}: 204; 400 for a bad label, 404 as above.</li>
 * <li>{@code GET /policy}: 200 {@code {"requireExpiry","defaultLifetimeDays","maxLifetimeDays","maxTokensPerUser",
 * "creatorGroups","userScopes","mayCreate","myScopes"}}: the administrators' token policy, whether the caller may
 * create tokens and the scopes the caller may choose. A create request the policy refuses gets 400 (expiry missing or too far away, scope not allowed), 409
 * (token limit reached) or 403 (not in a group that may create tokens).</li>
 * </ul>
 * <h2>Administrators</h2> (403 for others)
 * <ul>
 * <li>{@code GET /all}: the original's listing, grouped by user:
 * {@code [{"username","count","tokens":[{"id","label","usageCount","createdAt","lastAccessed","expirationDate","tokenId"}],"userKey"}]},
 * {@code id} being the numeric store id, {@code tokenId} the public id, dates server-local like
 * {@code 2024-06-03T17:13:59.304} or {@code null}.</li>
 * <li>{@code GET /admin/tokens?user=&label=&sort=&offset=&limit=}: one page,
 * {@code {"total","offset","limit","hasMore","tokens":[{"tokenId","id","label","username","userKey","displayName","usageCount","createdAt","lastAccessed","expirationDate","expired","algorithm","policyViolations"}]}};
 * {@code user} an exact username (unknown: an empty page), {@code label} a case-insensitive substring,
 * {@code sort} one of {@code created} (default), {@code last_used_desc}, {@code last_used_asc}, {@code user},
 * {@code offset} from 0, {@code limit} 1 to 1000 (default {@code adminPageSize}); dates in epoch
 * milliseconds; {@code username} is {@code null} for a user the host no longer knows; {@code policyViolations}
 * lists how a token made before a policy change breaks the policy now (empty when it complies).</li>
 * <li>{@code DELETE /admin/tokens/{tokenId}}: 204; 404 if there is no such token.</li>
 * <li>{@code DELETE /admin/users/{username}/tokens}: 200 {@code {"username","revoked"}}; 404 for an unknown user.</li>
 * <li>The same listing's filters (all optional, all applying together): {@code createdFrom}, {@code createdTo},
 * {@code expiresFrom}, {@code expiresTo}, {@code lastUsedFrom}, {@code lastUsedTo} (epoch milliseconds, from
 * inclusive, to exclusive; a token without expiry or never used is outside any bounded range of those),
 * {@code used} ({@code true}: used at least once, {@code false}: never used), {@code expired} ({@code true} or
 * {@code false}), {@code scope} ({@code read} or {@code write}; a token made without a scope is write); more
 * sorts: {@code expires_asc} (soonest first, no expiry last), {@code expires_desc}. 400 for a value that is not a
 * number, boolean or scope, or a start not before its end.</li>
 * <li>{@code GET /admin/audit?user=&type=&from=&to=&offset=&limit=}: the audit trail, newest first,
 * {@code {"total","offset","limit","hasMore","events":[{"id","timestamp","type","actor","actorKey","user","userKey","tokenId","detail"}]}};
 * {@code user} the owner's exact username (unknown: an empty page), {@code type} an event type such as
 * {@code TOKEN_CREATED} (any case), {@code from} inclusive and {@code to} exclusive in epoch milliseconds,
 * {@code limit} 1 to 1000 (default {@code adminPageSize}); {@code actor} and {@code user} are usernames, or
 * {@code null} for the system, an unnamed admin or a user the host no longer knows. 503 when no audit bundle runs
 * (no {@link AuditTrail} service).</li>
 * <li>{@code POST /admin/users/{username}/tokens} with the body of {@code POST /}: a token for that user made by
 * the admin (answered as {@code POST /}; the owner's {@code GET /} names the admin in {@code createdBy}); 404 for
 * an unknown user, 403 when authenticated with a token.</li>
 * <li>{@code GET /license}: 200 {@code {"state","allowsAuthentication","licensee","expiresAt","userTier","activeUsers","message"}}
 * from the highest-ranked {@link LicenseGate}.</li>
 * </ul>
 * <h2>Every request</h2>
 * Errors are {@code {"message": "..."}}: 401 when nobody is signed in, 403 for a state-changing request (POST,
 * PUT, PATCH, DELETE) made with a session cookie but without {@code X-Atlassian-Token: no-check} (a cross-site
 * form cannot send that header), 404 for an unknown path, 405 for a wrong method, 503 when the token store is
 * unreachable, 500 (logged, no stack trace sent) for anything unexpected.
 */
@Component(service = Servlet.class, configurationPid = TokensServlet.PID)
@Designate(ocd = TokensServlet.Config.class)
@HttpWhiteboardServletName("api-tokens-rest")
@HttpWhiteboardServletPattern("/rest/api-tokens/latest/*")
public class TokensServlet extends HttpServlet {

    static final String PID = "dev.apitokens.rest";

    @ObjectClassDefinition(name = "API tokens: REST API",
            description = "The token management REST API, compatible with the original product's /rest/api-tokens/latest.")
    public @interface Config {

        @AttributeDefinition(name = "URL patterns", description = "Servlet Whiteboard patterns the API is served on.")
        String[] osgi_http_whiteboard_servlet_pattern() default { "/rest/api-tokens/latest/*" };

        @AttributeDefinition(name = "Servlet context selector",
                description = "LDAP filter selecting the servlet context(s) the API joins.")
        String osgi_http_whiteboard_context_select() default "(osgi.http.whiteboard.context.name=default)";

        @AttributeDefinition(name = "Largest request body", description = "In bytes; larger bodies get 413.")
        int maxBodyBytes() default 16384;

        @AttributeDefinition(name = "Admin page size", description = "Default 'limit' of GET /admin/tokens and GET /admin/audit (1 to 1000).")
        int adminPageSize() default 50;

        @AttributeDefinition(name = "Store page size of GET /all",
                description = "GET /all reads everybody's tokens from the store in pages of this size (1 to 1000).")
        int allPageSize() default 500;

        @AttributeDefinition(name = "Time zone",
                description = "Zone of the local date-times of GET /all and of expiry dates given without offset; empty for the server's.")
        String timeZone() default "";
    }

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TokensServlet.class);
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final transient HostLogin hostLogin;
    private final transient JsonCodec json;
    private final transient OwnTokensApi own;
    private final transient AdminApi admin;
    private final transient PolicyApi policy;
    private final int maxBodyBytes;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile LicenseGate licenseGate;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AuditTrail auditTrail;

    private final transient AuditApi audit;

    @Activate
    public TokensServlet(@Reference TokenService tokens, @Reference HostUsers users, @Reference HostLogin hostLogin,
            Config config) {
        this(tokens, users, hostLogin, config, Clock.systemUTC());
    }

    TokensServlet(TokenService tokens, HostUsers users, HostLogin hostLogin, Config config, Clock clock) {
        this.hostLogin = hostLogin;
        ZoneId zone = config.timeZone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(config.timeZone().strip());
        JsonCodec json = new JsonCodec(Math.max(1024, config.maxBodyBytes()));
        this.own = new OwnTokensApi(tokens, users, json, clock, zone);
        this.admin = new AdminApi(tokens, users, json, clock, zone, config.allPageSize(), config.adminPageSize());
        this.audit = new AuditApi(users, json, config.adminPageSize());
        this.policy = new PolicyApi(tokens, json);
        this.json = json;
        this.maxBodyBytes = Math.max(1024, config.maxBodyBytes());
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Optional<RequestUser> caller = hostLogin.currentUser(request);
            if (caller.isEmpty()) {
                throw new ApiError(401, "authentication required");
            }
            String method = request.getMethod().toUpperCase(Locale.ROOT);
            if (STATE_CHANGING.contains(method) && caller.get().method() == RequestUser.Method.SESSION
                    && !hasAntiCsrfHeader(request)) {
                throw ApiError.forbidden("XSRF check failed: send the header X-Atlassian-Token: no-check");
            }
            // HEAD is GET without a body (the container sends none); OPTIONS matches no route, so the route's 405
            // names what the resource allows, and becomes the OPTIONS answer
            route(caller.get(), method.equals("HEAD") ? "GET" : method, segments(request.getPathInfo()), request,
                    response);
        } catch (ApiError e) {
            if (e.status == 405 && "OPTIONS".equalsIgnoreCase(request.getMethod())) {
                response.setStatus(204);
                return;
            }
            error(request, response, e.status, e.getMessage());
        } catch (TokenPolicyException e) {
            error(request, response, PolicyApi.status(e), e.getMessage());
        } catch (InvalidTokenRequestException e) {
            error(request, response, 400, e.getMessage());
        } catch (TokenStoreUnavailableException e) {
            LOG.warn("Token store unavailable for {} {}: {}", request.getMethod(), request.getRequestURI(),
                    e.getMessage());
            response.setHeader("Retry-After", "30");
            error(request, response, 503, "the token store is temporarily unavailable, try again later");
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure in {} {}", request.getMethod(), request.getRequestURI(), e);
            error(request, response, 500, "internal error");
        }
    }

    private void route(RequestUser caller, String method, List<String> path, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        int size = path.size();
        if (size == 0) {
            switch (method) {
                case "GET" -> own.list(caller, response);
                case "POST" -> own.create(caller, request, response);
                default -> notAllowed(response, "GET, POST");
            }
        } else if (size == 1 && path.get(0).equals("all")) {
            switch (method) {
                case "GET" -> {
                    requireAdmin(caller);
                    admin.all(response);
                }
                case "DELETE" -> own.revokeAll(caller, response);
                default -> notAllowed(response, "GET, DELETE");
            }
        } else if (size == 1 && path.get(0).equals("policy")) {
            requireMethod(method, "GET", response);
            policy.show(caller, response);
        } else if (size == 1 && path.get(0).equals("license")) {
            requireMethod(method, "GET", response);
            requireAdmin(caller);
            admin.license(licenseGate, response);
        } else if (size == 2 && path.get(0).equals("admin") && path.get(1).equals("tokens")) {
            requireMethod(method, "GET", response);
            requireAdmin(caller);
            admin.page(request, response);
        } else if (size == 2 && path.get(0).equals("admin") && path.get(1).equals("audit")) {
            requireMethod(method, "GET", response);
            requireAdmin(caller);
            audit.page(auditTrail, request, response);
        } else if (size == 3 && path.get(0).equals("admin") && path.get(1).equals("tokens")) {
            requireMethod(method, "DELETE", response);
            requireAdmin(caller);
            admin.revoke(caller.user().key(), path.get(2), response);
        } else if (size == 4 && path.get(0).equals("admin") && path.get(1).equals("users")
                && path.get(3).equals("tokens")) {
            requireAdmin(caller);
            switch (method) {
                case "POST" -> admin.createFor(caller, path.get(2), request, response);
                case "DELETE" -> admin.revokeUser(caller.user().key(), path.get(2), response);
                default -> notAllowed(response, "POST, DELETE");
            }
        } else if (size == 1 && path.get(0).equals("self")) {
            requireMethod(method, "GET", response);
            own.self(caller, response);
        } else if (size == 2 && path.get(0).equals("self") && path.get(1).equals("rotate")) {
            requireMethod(method, "POST", response);
            own.rotateSelf(caller, response);
        } else if (size == 2 && !path.get(0).equals("admin") && path.get(1).equals("rotate")) {
            requireMethod(method, "POST", response);
            own.rotate(caller, path.get(0), response);
        } else if (size == 1 && !path.get(0).equals("admin")) {
            switch (method) {
                case "DELETE" -> own.revoke(caller, path.get(0), response);
                case "PATCH" -> own.rename(caller, path.get(0), request, response);
                default -> notAllowed(response, "DELETE, PATCH");
            }
        } else {
            throw ApiError.notFound("no such resource");
        }
    }

    /** The decoded path below the servlet, without empty segments: {@code "/"} and {@code null} are the root. */
    static List<String> segments(String pathInfo) {
        if (pathInfo == null) {
            return List.of();
        }
        return Arrays.stream(pathInfo.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    /**
     * Reads what is already there of a request body that a refusal left unread, without ever waiting for more: a
     * client that sent its whole (small) body keeps its kept-alive connection, while one that holds the rest back -
     * slowly or on purpose - gets {@code Connection: close} instead of a worker thread waiting for it.
     *
     * @return whether the body is now read to its end, so the connection may be kept
     */
    private boolean drainAvailableBody(HttpServletRequest request) {
        if (request.getContentLengthLong() == 0) {
            return true;
        }
        try {
            ServletInputStream in = request.getInputStream();
            byte[] buffer = new byte[8192];
            long read = 0;
            while (!in.isFinished() && read <= maxBodyBytes) {
                int available = in.available();
                if (available <= 0) {
                    break;
                }
                int n = in.read(buffer, 0, Math.min(available, buffer.length));
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return in.isFinished();
        } catch (IOException | IllegalStateException e) {
            // Already read as text, or the body is broken or gone: nothing left to keep the connection for.
            return false;
        }
    }

    private static boolean hasAntiCsrfHeader(HttpServletRequest request) {
        String value = request.getHeader("X-Atlassian-Token");
        if (value == null) {
            return false;
        }
        String normalised = value.strip().toLowerCase(Locale.ROOT);
        return normalised.equals("no-check") || normalised.equals("nocheck");
    }

    private static void requireAdmin(RequestUser caller) {
        if (!caller.user().admin()) {
            throw ApiError.forbidden("administrator rights required");
        }
    }

    private static void requireMethod(String method, String allowed, HttpServletResponse response) {
        if (!method.equals(allowed)) {
            notAllowed(response, allowed);
        }
    }

    /** A 405 whose {@code Allow} header also names HEAD (where GET is allowed) and OPTIONS, which every resource takes. */
    private static void notAllowed(HttpServletResponse response, String allowed) {
        response.setHeader("Allow", allowed.replace("GET", "GET, HEAD") + ", OPTIONS");
        throw new ApiError(405, "method not allowed; use " + allowed);
    }

    private void error(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        if (response.isCommitted()) {
            // A streamed listing failed half way; the client sees a truncated body, the log has the cause.
            return;
        }
        String allow = response.getHeader("Allow");
        String retryAfter = response.getHeader("Retry-After");
        response.reset();
        if (allow != null) {
            response.setHeader("Allow", allow);
        }
        if (retryAfter != null) {
            response.setHeader("Retry-After", retryAfter);
        }
        if (!drainAvailableBody(request)) {
            response.setHeader("Connection", "close");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        JsonMessage.send(response, status, message);
    }
}
