package dev.apitokens.rest.internal;

import dev.apitokens.api.TokenRequest;
import dev.apitokens.api.TokenScope;
import dev.apitokens.api.TokenService;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;


/**
 * The body of {@code POST /} (and of {@code POST /admin/users/{username}/tokens}): {@code {"label": "...",
 * "expirationDate": ..., "scopes": ["read"], "allowedPaths": ["/rest/api/2/issue"], "allowedIps": ["10.0.0.0/8"]}};
 * only the label is required, other fields are ignored.
 *
 * <p>{@code scopes} is a list of {@code "read"} (only GET, HEAD, OPTIONS) and {@code "write"} (everything, the
 * default when the field is absent, {@code null} or empty); {@code allowedPaths} a list of URL path prefixes
 * starting with {@code /}; {@code allowedIps} a list of IPv4/IPv6 addresses or CIDR ranges. The token service
 * checks the entries themselves (see {@link TokenService#create(String, TokenRequest, String)}).
 *
 * <p>{@code expirationDate} is optional ({@code null}, absent or {@code ""}: never expires) and may be
 * <ul>
 * <li>a number: epoch milliseconds (what {@code GET /} returns);</li>
 * <li>an ISO-8601 instant or offset date-time, e.g. {@code 2030-01-31T12:00:00Z}, {@code 2030-01-31T12:00+01:00};</li>
 * <li>an ISO-8601 local date-time, e.g. {@code 2030-01-31T12:00:00.000} (server time zone, the format of
 *     {@code GET /all});</li>
 * <li>an ISO-8601 date, e.g. {@code 2030-01-31}: the token works through that whole day (server time zone) and
 *     expires when the next day starts.</li>
 * </ul>
 * It must lie in the future and not beyond the year 9999.
 *
 * @param label the trimmed label
 * @param expiresAt the expiry, or {@code null} for never
 * @param scopes the scopes asked for; empty for the default
 * @param allowedPaths path prefixes, as sent
 * @param allowedIps addresses and ranges, as sent
 */
record CreateTokenRequest(String label, Instant expiresAt, Set<TokenScope> scopes, List<String> allowedPaths,
        List<String> allowedIps) {

    /** The last expiry accepted: what every database's timestamp column and every client's date parser can hold. */
    static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59.999Z");
    /** Longest list accepted here; the token service has its own, smaller limits. */
    private static final int MAX_LIST = 1000;

    static CreateTokenRequest from(JsonNode body, Instant now, ZoneId zone) {
        String label = label(body);
        Instant expiresAt = expiry(body.get("expirationDate"), zone);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiError.badRequest("expirationDate must be in the future");
        }
        if (expiresAt != null && expiresAt.isAfter(LATEST_EXPIRY)) {
            throw ApiError.badRequest("expirationDate must not lie beyond the year 9999");
        }
        return new CreateTokenRequest(label, expiresAt, scopes(body.get("scopes")),
                strings(body.get("allowedPaths"), "allowedPaths"), strings(body.get("allowedIps"), "allowedIps"));
    }

    /** The body's {@code label}, trimmed and checked (also the body of a rename, {@code PATCH /{id}}). */
    static String label(JsonNode body) {
        JsonNode labelNode = body.get("label");
        if (labelNode == null || labelNode.isNull()) {
            throw ApiError.badRequest("label is required");
        }
        if (!labelNode.isTextual()) {
            throw ApiError.badRequest("label must be a string");
        }
        String label = labelNode.textValue().strip();
        if (label.isEmpty()) {
            throw ApiError.badRequest("label must not be empty");
        }
        if (label.length() > TokenService.MAX_LABEL_LENGTH) {
            throw ApiError.badRequest("label must be at most " + TokenService.MAX_LABEL_LENGTH + " characters");
        }
        if (label.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.badRequest("label must not contain control characters");
        }
        // A lone half of a surrogate pair (JSON "\ud800") is no character: no database or page could show it.
        if (label.codePoints().anyMatch(point -> point >= Character.MIN_SURROGATE && point <= Character.MAX_SURROGATE)) {
            throw ApiError.badRequest("label must not contain unpaired UTF-16 surrogates");
        }
        return label;
    }

    /** What to ask the token service for. */
    TokenRequest toRequest() {
        return new TokenRequest(label, expiresAt, scopes, allowedPaths, allowedIps);
    }

    private static Set<TokenScope> scopes(JsonNode node) {
        Set<TokenScope> scopes = EnumSet.noneOf(TokenScope.class);
        for (String name : strings(node, "scopes")) {
            scopes.add(TokenScope.ofJsonName(name).orElseThrow(() -> ApiError.badRequest(
                    "scopes must be a list of \"read\" and \"write\", not '" + shorten(name) + "'")));
        }
        return scopes;
    }

    /** A list of strings; absent or {@code null} is empty. */
    private static List<String> strings(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw ApiError.badRequest(field + " must be a list of strings");
        }
        if (node.size() > MAX_LIST) {
            throw ApiError.badRequest(field + " must have at most " + MAX_LIST + " entries");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw ApiError.badRequest(field + " must be a list of strings");
            }
            values.add(element.textValue());
        }
        return values;
    }

    private static Instant expiry(JsonNode node, ZoneId zone) {
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        if (!node.isTextual()) {
            throw ApiError.badRequest("expirationDate must be epoch milliseconds or an ISO-8601 date-time");
        }
        String text = node.textValue().strip();
        try {
            if (text.matches("-?[0-9]{1,18}")) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            if (text.length() == 10) {
                return LocalDate.parse(text).plusDays(1).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException withoutOffset) {
            // no offset given: a wall-clock time in the server's zone, as GET /all writes them
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw ApiError.badRequest("expirationDate '" + shorten(text)
                    + "' is not epoch milliseconds or an ISO-8601 date or date-time");
        }
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
