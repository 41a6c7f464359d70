package dev.apitokens.rest.internal;

import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenScope;
import java.time.Instant;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/** The listings' filter parameters: absent or blank means "not wanted"; a bad value is a 400 naming it. */
final class QueryParameters {

    /** Epoch millis from year 0 to 9999, the same bounds as an expiry date. */
    private static final long MIN_MILLIS = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    private static final long MAX_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    private QueryParameters() {
    }

    /** A time in epoch milliseconds, or {@code null}. */
    static Long millis(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long millis = Long.parseLong(value.strip());
            if (millis >= MIN_MILLIS && millis <= MAX_MILLIS) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ApiError.badRequest(name + " must be a time in epoch milliseconds");
    }

    /** {@code true}, {@code false} or {@code null}. */
    static Boolean bool(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ApiError.badRequest(name + " must be true or false");
        };
    }

    /** A scope by its JSON name, {@code read} or {@code write}, or {@code null}. */
    static TokenScope scope(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        return TokenScope.ofJsonName(value).orElseThrow(() -> ApiError.badRequest(name + " must be read or write"));
    }

    /** {@code <prefix>From} (inclusive) to {@code <prefix>To} (exclusive); the start must be before the end. */
    static TokenQuery.Range range(HttpServletRequest request, String prefix) {
        Long from = millis(request, prefix + "From");
        Long to = millis(request, prefix + "To");
        checkOrder(prefix + "From", from, prefix + "To", to);
        return new TokenQuery.Range(from == null ? null : Instant.ofEpochMilli(from),
                to == null ? null : Instant.ofEpochMilli(to));
    }

    static void checkOrder(String fromName, Long from, String toName, Long to) {
        if (from != null && to != null && from >= to) {
            throw ApiError.badRequest(fromName + " must be before " + toName);
        }
    }
}
