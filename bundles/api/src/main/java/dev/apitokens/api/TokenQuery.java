package dev.apitokens.api;

import java.time.Instant;
import java.util.Objects;

/**
 * An admin listing request: optional filters, an order, and a page. Every filter is optional ({@code null} or
 * {@link Range#ANY}: not wanted); the filters given all apply together. A store answers it with one page query
 * and one count over the same conditions, so every filter must be one an index can serve.
 *
 * @param userKey only tokens of this user, or {@code null} for everybody's
 * @param labelContains only tokens whose label contains this text, ignoring case, or {@code null}
 * @param sort the order of the listing
 * @param offset how many matching tokens to skip, {@code >= 0}
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 * @param created only tokens created in this range (since 1.2.0)
 * @param expires only tokens whose expiry date is in this range; a token without expiry never matches a bounded
 *     range (since 1.2.0)
 * @param lastUsed only tokens last used in this range; a never-used token never matches a bounded range (since
 *     1.2.0)
 * @param used {@code true}: only tokens used at least once; {@code false}: only never-used tokens; {@code null}:
 *     both (since 1.2.0)
 * @param expired {@code true}: only tokens expired when the store runs the query (expiry at or before its clock's
 *     now, as {@link TokenInfo#isExpiredAt}); {@code false}: only tokens not expired, including those without
 *     expiry; {@code null}: both (since 1.2.0)
 * @param scope only tokens of this scope (a token made without one has {@link TokenScope#WRITE}), or
 *     {@code null} for all (since 1.2.0)
 */
public record TokenQuery(String userKey, String labelContains, Sort sort, int offset, int limit, Range created,
        Range expires, Range lastUsed, Boolean used, Boolean expired, TokenScope scope) {

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
        USER,
        /** Soonest expiry first; tokens without expiry last (since 1.2.0). */
        EXPIRES_ASC,
        /** Latest expiry first; tokens without expiry first, as the ones that never expire (since 1.2.0). */
        EXPIRES_DESC
    }

    /**
     * A time window, {@code from} inclusive and {@code to} exclusive; either end may be {@code null} (open).
     *
     * @since 1.2.0
     */
    public record Range(Instant from, Instant to) {

        /** No bound at all: the filter is not wanted. */
        public static final Range ANY = new Range(null, null);

        public Range {
            if (from != null && to != null && !from.isBefore(to)) {
                throw new IllegalArgumentException("a range's start must be before its end");
            }
        }

        /** Whether neither end is bounded. */
        public boolean isAny() {
            return from == null && to == null;
        }
    }

    public TokenQuery {
        if (sort == null) {
            sort = Sort.CREATED;
        }
        PageWindow.check(offset, limit, MAX_LIMIT);
        userKey = PageWindow.filter(userKey);
        labelContains = PageWindow.filter(labelContains);
        created = Objects.requireNonNullElse(created, Range.ANY);
        expires = Objects.requireNonNullElse(expires, Range.ANY);
        lastUsed = Objects.requireNonNullElse(lastUsed, Range.ANY);
    }

    /** A query by owner and label only, as before 1.2.0. */
    public TokenQuery(String userKey, String labelContains, Sort sort, int offset, int limit) {
        this(userKey, labelContains, sort, offset, limit, Range.ANY, Range.ANY, Range.ANY, null, null, null);
    }

    /** Everybody's tokens, oldest first, the first {@code limit}. */
    public static TokenQuery firstPage(int limit) {
        return new TokenQuery(null, null, Sort.CREATED, 0, limit);
    }

    /** The same query, {@code limit} items further on. */
    public TokenQuery nextPage() {
        return new TokenQuery(userKey, labelContains, sort, offset + limit, limit, created, expires, lastUsed, used,
                expired, scope);
    }

    /** The same query, only tokens created in {@code range} (since 1.2.0). */
    public TokenQuery withCreated(Range range) {
        return new TokenQuery(userKey, labelContains, sort, offset, limit,
                range, expires, lastUsed, used, expired, scope);
    }

    /** The same query, only tokens expiring in {@code range} (since 1.2.0). */
    public TokenQuery withExpires(Range range) {
        return new TokenQuery(userKey, labelContains, sort, offset, limit,
                created, range, lastUsed, used, expired, scope);
    }

    /** The same query, only tokens last used in {@code range} (since 1.2.0). */
    public TokenQuery withLastUsed(Range range) {
        return new TokenQuery(userKey, labelContains, sort, offset, limit,
                created, expires, range, used, expired, scope);
    }

    /** The same query, only used ({@code true}) or never-used ({@code false}) tokens, or both (since 1.2.0). */
    public TokenQuery withUsed(Boolean wanted) {
        return new TokenQuery(userKey, labelContains, sort, offset, limit,
                created, expires, lastUsed, wanted, expired, scope);
    }

    /** The same query, only tokens of this scope, or of any for {@code null} (since 1.2.0). */
    public TokenQuery withScope(TokenScope wanted) {
        return new TokenQuery(userKey, labelContains, sort, offset, limit, created, expires, lastUsed, used, expired,
                wanted);
    }

    /** The same query, only expired ({@code true}) or unexpired ({@code false}) tokens, or both (since 1.2.0). */
    public TokenQuery withExpired(Boolean wanted) {
        return new TokenQuery(userKey, labelContains, sort, offset, limit,
                created, expires, lastUsed, used, wanted, scope);
    }
}
