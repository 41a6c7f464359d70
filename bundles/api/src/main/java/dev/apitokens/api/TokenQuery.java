package dev.apitokens.api;

/**
 * An admin listing request: an optional filter by owner and label, an order, and a page.
 *
 * @param userKey only tokens of this user, or {@code null} for everybody's
 * @param labelContains only tokens whose label contains this text, ignoring case, or {@code null}
 * @param sort the order of the listing
 * @param offset how many matching tokens to skip, {@code >= 0}
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 */
public record TokenQuery(String userKey, String labelContains, Sort sort, int offset, int limit) {

    /** The largest page a store must serve. */
    public static final int MAX_LIMIT = 1000;

    /** Orders of an admin listing. Ties are always broken by the store id, so paging is stable. */
    public enum Sort {
        /** Oldest first (the store id order). */
        CREATED,
        /** Most recently used first; never-used tokens last. */
        LAST_USED_DESC,
        /** Least recently used first; never-used tokens first (candidates for clean-up). */
        LAST_USED_ASC,
        /** By owner's user key, then oldest first. */
        USER
    }

    public TokenQuery {
        if (sort == null) {
            sort = Sort.CREATED;
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
        if (userKey != null && userKey.isBlank()) {
            userKey = null;
        }
        if (labelContains != null && labelContains.isBlank()) {
            labelContains = null;
        }
    }

    /** Everybody's tokens, oldest first, the first {@code limit}. */
    public static TokenQuery firstPage(int limit) {
        return new TokenQuery(null, null, Sort.CREATED, 0, limit);
    }

    /** The same query, {@code limit} items further on. */
    public TokenQuery nextPage() {
        return new TokenQuery(userKey, labelContains, sort, offset + limit, limit);
    }
}
