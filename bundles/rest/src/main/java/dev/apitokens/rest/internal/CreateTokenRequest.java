package dev.apitokens.rest.internal;

import dev.apitokens.api.TokenService;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;


/**
 * The body of {@code POST /}: {@code {"label": "...", "expirationDate": ...}}; other fields are ignored.
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
 */
record CreateTokenRequest(String label, Instant expiresAt) {

    /** The last expiry accepted: what every database's timestamp column and every client's date parser can hold. */
    static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59.999Z");

    static CreateTokenRequest from(JsonNode body, Instant now, ZoneId zone) {
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
        Instant expiresAt = expiry(body.get("expirationDate"), zone);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw ApiError.badRequest("expirationDate must be in the future");
        }
        if (expiresAt != null && expiresAt.isAfter(LATEST_EXPIRY)) {
            throw ApiError.badRequest("expirationDate must not lie beyond the year 9999");
        }
        return new CreateTokenRequest(label, expiresAt);
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
