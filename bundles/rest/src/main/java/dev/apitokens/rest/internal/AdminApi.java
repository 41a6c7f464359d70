package dev.apitokens.rest.internal;

import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.Page;
import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenService;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.host.spi.RequestUser;
import dev.apitokens.spi.LicenseGate;
import dev.apitokens.spi.LicenseStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonGenerator;

import dev.apitokens.rest.internal.JsonViews.AdminPage;
import dev.apitokens.rest.internal.JsonViews.AdminToken;
import dev.apitokens.rest.internal.JsonViews.AllUsersToken;
import dev.apitokens.rest.internal.JsonViews.Created;
import dev.apitokens.rest.internal.JsonViews.License;
import dev.apitokens.rest.internal.JsonViews.Revoked;
import dev.apitokens.rest.internal.JsonViews.UserTokens;

/** Everybody's tokens and the license, for administrators only (the servlet checks the caller first). */
final class AdminApi {

    private static final LicenseStatus NO_GATE = new LicenseStatus(LicenseStatus.State.MISSING, null, null, 0,
            "No license gate is installed.");

    private final TokenService tokens;
    private final HostUsers users;
    private final JsonCodec json;
    private final Clock clock;
    private final ZoneId zone;
    private final int allPageSize;
    private final int defaultLimit;

    AdminApi(TokenService tokens, HostUsers users, JsonCodec json, Clock clock, ZoneId zone, int allPageSize,
            int defaultLimit) {
        this.tokens = tokens;
        this.users = users;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
        this.allPageSize = Math.max(1, Math.min(allPageSize, TokenQuery.MAX_LIMIT));
        this.defaultLimit = Math.max(1, Math.min(defaultLimit, TokenQuery.MAX_LIMIT));
    }

    /**
     * The original's {@code GET /all}: every user's tokens grouped by user. Read page by page in user order and
     * written group by group, so neither the store nor this node ever holds the whole table.
     */
    void all(HttpServletResponse response) throws IOException {
        Map<String, Optional<HostUser>> owners = new HashMap<>();
        TokenQuery query = new TokenQuery(null, null, TokenQuery.Sort.USER, 0, allPageSize);
        // Not closed on failure: closing would flush a partial listing and commit a 200. Unflushed, the servlet
        // can still reset the response and answer with the error (a listing beyond the buffers stays truncated).
        JsonGenerator out = json.stream(response, 200);
        out.writeStartArray();
        String groupKey = null;
        List<AllUsersToken> group = new ArrayList<>();
        while (true) {
            Page<TokenInfo> page = tokens.listAll(query);
            for (TokenInfo token : page.items()) {
                if (!token.userKey().equals(groupKey)) {
                    writeGroup(out, groupKey, group, owners);
                    groupKey = token.userKey();
                    group = new ArrayList<>();
                }
                group.add(AllUsersToken.of(token, zone));
            }
            if (!page.hasMore() || page.items().isEmpty()) {
                break;
            }
            query = query.nextPage();
        }
        writeGroup(out, groupKey, group, owners);
        out.writeEndArray();
        out.close();
    }

    private void writeGroup(JsonGenerator out, String userKey, List<AllUsersToken> group,
            Map<String, Optional<HostUser>> owners) throws IOException {
        if (userKey == null || group.isEmpty()) {
            return;
        }
        // A deleted user's tokens stay listed (so they can be revoked) under the user key.
        String username = owner(userKey, owners).map(HostUser::name).orElse(userKey);
        out.writeObject(new UserTokens(username, group.size(), group, userKey));
    }

    private Optional<HostUser> owner(String userKey, Map<String, Optional<HostUser>> owners) {
        return owners.computeIfAbsent(userKey, users::findByKey);
    }

    /** {@code GET /admin/tokens?user=&label=&sort=&offset=&limit=}. */
    void page(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TokenQuery.Sort sort = sort(request.getParameter("sort"));
        int offset = intParameter(request, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParameter(request, "limit", defaultLimit, 1, TokenQuery.MAX_LIMIT);
        String username = request.getParameter("user");
        String userKey = null;
        if (username != null && !username.isBlank()) {
            Optional<HostUser> user = users.findByName(username.strip());
            if (user.isEmpty()) {
                json.write(response, 200, new AdminPage(0, offset, limit, false, List.of()));
                return;
            }
            userKey = user.get().key();
        }
        TokenQuery query = new TokenQuery(userKey, request.getParameter("label"), sort, offset, limit);
        Page<TokenInfo> page = tokens.listAll(query);
        Map<String, Optional<HostUser>> owners = new HashMap<>();
        Instant now = clock.instant();
        List<AdminToken> items = page.items().stream()
                .map(token -> AdminToken.of(token, owner(token.userKey(), owners).orElse(null), now,
                        token.createdBy() == null ? null
                                : owner(token.createdBy(), owners).map(HostUser::name).orElse(token.createdBy()),
                        tokens.policyViolations(token)))
                .toList();
        json.write(response, 200, AdminPage.of(page, items));
    }

    /** {@code DELETE /admin/tokens/{tokenId}}. */
    void revoke(String tokenId, HttpServletResponse response) {
        if (!tokens.revokeAny(tokenId)) {
            throw ApiError.notFound("token not found");
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    /**
     * {@code POST /admin/users/{username}/tokens}: a token for another user (a service account), made by the
     * calling admin, whom the owner's listing names as {@code createdBy}; the secret is shown to the admin once.
     */
    void createFor(RequestUser caller, String username, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (caller.method() == RequestUser.Method.TOKEN) {
            throw ApiError.forbidden("an API token cannot create API tokens; sign in with your password");
        }
        HostUser owner = users.findByName(username).orElseThrow(() -> ApiError.notFound("user not found"));
        CreateTokenRequest create = CreateTokenRequest.from(json.readObject(request), clock.instant(), zone);
        CreatedToken created = tokens.create(owner.key(), create.toRequest(), caller.user().key());
        json.write(response, 200, Created.of(created));
    }

    /** {@code DELETE /admin/users/{username}/tokens}. */
    void revokeUser(String username, HttpServletResponse response) throws IOException {
        HostUser user = users.findByName(username).orElseThrow(() -> ApiError.notFound("user not found"));
        json.write(response, 200, new Revoked(user.name(), tokens.revokeAll(user.key())));
    }

    /** {@code GET /license}: the verdict of the highest-ranked license gate. */
    void license(LicenseGate gate, HttpServletResponse response) throws IOException {
        LicenseStatus status = gate == null ? NO_GATE : gate.status();
        json.write(response, 200, License.of(status, users.activeUserCount()));
    }

    static TokenQuery.Sort sort(String value) {
        if (value == null || value.isBlank()) {
            return TokenQuery.Sort.CREATED;
        }
        String wanted = normalise(value);
        for (TokenQuery.Sort sort : TokenQuery.Sort.values()) {
            if (normalise(sort.name()).equals(wanted)) {
                return sort;
            }
        }
        throw ApiError.badRequest("sort must be one of created, last_used_desc, last_used_asc, user");
    }

    private static String normalise(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    static int intParameter(HttpServletRequest request, String name, int fallback, int min, int max) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value.strip());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ApiError.badRequest(name + " must be a whole number from " + min + " to " + max);
    }
}
