package dev.apitokens.api;

/**
 * The checks that the paged queries ({@link TokenQuery}, {@link AuditQuery}) make of their window and filters. Not
 * part of the API: each query documents its own bounds.
 */
final class PageWindow {

    private PageWindow() {
    }

    /** Refuses an offset below 0 and a limit outside 1 to {@code maxLimit}. */
    static void check(int offset, int limit, int maxLimit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        if (limit < 1 || limit > maxLimit) {
            throw new IllegalArgumentException("limit must be 1.." + maxLimit);
        }
    }

    /** A blank filter value is no filter: {@code null}. */
    static String filter(String value) {
        return value != null && value.isBlank() ? null : value;
    }
}
