package dev.apitokens.rest.internal;

import dev.apitokens.api.AuditEntry;
import dev.apitokens.api.AuditQuery;
import dev.apitokens.api.AuditTrail;
import dev.apitokens.api.Page;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code GET /admin/audit}: the stored audit trail, for administrators only (the servlet checks the caller first),
 * read through the {@link AuditTrail} service of the audit bundle. Without that bundle the answer is 503: an empty
 * page would claim that nothing happened.
 */
final class AuditApi {

    /** Event types are upper-case words joined by underscores, e.g. {@code TOKEN_CREATED}. */
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final HostUsers users;
    private final JsonCodec json;
    private final int defaultLimit;

    AuditApi(HostUsers users, JsonCodec json, int defaultLimit) {
        this.users = users;
        this.json = json;
        this.defaultLimit = Math.max(1, Math.min(defaultLimit, AuditQuery.MAX_LIMIT));
    }

    /** {@code GET /admin/audit?user=&type=&from=&to=&offset=&limit=}. */
    void page(AuditTrail trail, HttpServletRequest request, HttpServletResponse response) throws IOException {
        int offset = AdminApi.intParameter(request, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = AdminApi.intParameter(request, "limit", defaultLimit, 1, AuditQuery.MAX_LIMIT);
        Long from = QueryParameters.millis(request, "from");
        Long to = QueryParameters.millis(request, "to");
        QueryParameters.checkOrder("from", from, "to", to);
        String type = type(request.getParameter("type"));
        if (trail == null) {
            throw new ApiError(503, "the audit trail is not available: the audit bundle is not running");
        }
        String username = request.getParameter("user");
        String userKey = null;
        if (username != null && !username.isBlank()) {
            Optional<HostUser> user = users.findByName(username.strip());
            if (user.isEmpty()) {
                json.write(response, 200, new AuditPage(0, offset, limit, false, List.of()));
                return;
            }
            userKey = user.get().key();
        }
        Page<AuditEntry> page = trail.find(new AuditQuery(userKey, type, from, to, offset, limit));
        Map<String, Optional<HostUser>> names = new HashMap<>();
        List<AuditEvent> events = page.items().stream().map(entry -> AuditEvent.of(entry,
                name(entry.actorKey(), names), name(entry.userKey(), names))).toList();
        json.write(response, 200, new AuditPage(page.total(), page.offset(), page.limit(), page.hasMore(), events));
    }

    private String name(String userKey, Map<String, Optional<HostUser>> names) {
        if (userKey == null) {
            return null;
        }
        return names.computeIfAbsent(userKey, users::findByKey).map(HostUser::name).orElse(null);
    }

    private static String type(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String type = value.strip().toUpperCase(Locale.ROOT);
        if (!TYPE.matcher(type).matches()) {
            throw ApiError.badRequest("type must be an event type such as TOKEN_CREATED");
        }
        return type;
    }

    /**
     * One event: {@code actor} and {@code user} are usernames ({@code null} for the system, an unnamed admin or a
     * user the host no longer knows), {@code actorKey} and {@code userKey} the host's keys, {@code timestamp} epoch
     * millis.
     */
    @JsonPropertyOrder({ "id", "timestamp", "type", "actor", "actorKey", "user", "userKey", "tokenId", "detail" })
    record AuditEvent(long id, long timestamp, String type, String actor, String actorKey, String user,
            String userKey, String tokenId, String detail) {

        static AuditEvent of(AuditEntry entry, String actor, String user) {
            return new AuditEvent(entry.id(), entry.timestamp().toEpochMilli(), entry.type(), actor,
                    entry.actorKey(), user, entry.userKey(), entry.tokenId(), entry.detail());
        }
    }

    /** One page of {@code GET /admin/audit}, newest first. */
    @JsonPropertyOrder({ "total", "offset", "limit", "hasMore", "events" })
    record AuditPage(long total, int offset, int limit, boolean hasMore, List<AuditEvent> events) {
    }
}
