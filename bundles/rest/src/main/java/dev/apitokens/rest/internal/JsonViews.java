package dev.apitokens.rest.internal;

import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.Page;
import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenScope;
import dev.apitokens.api.UsedAddress;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.spi.LicenseStatus;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;


/**
 * The JSON shapes of the API. The first fields of each shape are the original product's, in its order and with
 * its names (a compatibility contract: never rename them); fields after them are ours.
 */
final class JsonViews {

    /** The original's admin listing writes server-local date-times with exactly three fraction digits. */
    private static final DateTimeFormatter LOCAL_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");

    private JsonViews() {
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    static String localDateTime(Instant instant, ZoneId zone) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, zone).format(LOCAL_MILLIS);
    }

    /** A token's scopes by their JSON names. */
    static List<String> scopes(Set<TokenScope> scopes) {
        return scopes.stream().map(TokenScope::jsonName).sorted().toList();
    }

    /** An address a token was last used from; {@code lastSeen} in epoch milliseconds. */
    @JsonPropertyOrder({ "address", "lastSeen" })
    record Address(String address, long lastSeen) {

        static List<Address> of(List<UsedAddress> addresses) {
            return addresses.stream().map(a -> new Address(a.address(), a.lastSeen().toEpochMilli())).toList();
        }
    }

    /**
     * An element of {@code GET /} (and {@code GET /self}): the original's label, createdAt, lastAccessed, id; then
     * ours. {@code createdBy} is the username of the admin who created the token for its owner, else {@code null}.
     */
    @JsonPropertyOrder({ "label", "createdAt", "lastAccessed", "id", "usageCount", "expirationDate", "expired",
            "scopes", "allowedPaths", "allowedIps", "createdBy", "lastAddresses" })
    record OwnToken(String label, long createdAt, Long lastAccessed, String id, long usageCount, Long expirationDate,
            boolean expired, List<String> scopes, List<String> allowedPaths, List<String> allowedIps,
            String createdBy, List<Address> lastAddresses) {

        /** @param createdBy the creator's username (resolved by the caller), or {@code null} */
        static OwnToken of(TokenInfo token, Instant now, String createdBy) {
            return new OwnToken(token.label(), token.createdAt().toEpochMilli(), millis(token.lastAccessed()),
                    token.id(), token.usageCount(), millis(token.expiresAt()), token.isExpiredAt(now),
                    JsonViews.scopes(token.scopes()), token.allowedPaths(), token.allowedIps(), createdBy,
                    Address.of(token.lastAddresses()));
        }
    }

    /** The answer to {@code POST /} (and rotations): the original's passwordValue, then ours. */
    @JsonPropertyOrder({ "passwordValue", "id", "label", "createdAt", "expirationDate", "scopes", "allowedPaths",
            "allowedIps" })
    record Created(String passwordValue, String id, String label, long createdAt, Long expirationDate,
            List<String> scopes, List<String> allowedPaths, List<String> allowedIps) {

        static Created of(CreatedToken created) {
            TokenInfo info = created.info();
            return new Created(created.secret(), info.id(), info.label(), info.createdAt().toEpochMilli(),
                    millis(info.expiresAt()), JsonViews.scopes(info.scopes()), info.allowedPaths(),
                    info.allowedIps());
        }
    }

    /** A token in {@code GET /all}: the original's fields (id is the numeric store id), then our public id. */
    @JsonPropertyOrder({ "id", "label", "usageCount", "createdAt", "lastAccessed", "expirationDate", "tokenId",
            "scopes", "allowedPaths", "allowedIps" })
    record AllUsersToken(long id, String label, long usageCount, String createdAt, String lastAccessed,
            String expirationDate, String tokenId, List<String> scopes, List<String> allowedPaths,
            List<String> allowedIps) {

        static AllUsersToken of(TokenInfo token, ZoneId zone) {
            return new AllUsersToken(token.storeId(), token.label(), token.usageCount(),
                    localDateTime(token.createdAt(), zone), localDateTime(token.lastAccessed(), zone),
                    localDateTime(token.expiresAt(), zone), token.id(), JsonViews.scopes(token.scopes()),
                    token.allowedPaths(), token.allowedIps());
        }
    }

    /** A user's group in {@code GET /all}; {@code userKey} is ours. */
    @JsonPropertyOrder({ "username", "count", "tokens", "userKey" })
    record UserTokens(String username, int count, List<AllUsersToken> tokens, String userKey) {
    }

    /** A token in the admin page listing {@code GET /admin/tokens}; dates in epoch millis like {@code GET /}. */
    @JsonPropertyOrder({ "tokenId", "id", "label", "username", "userKey", "displayName", "usageCount", "createdAt",
            "lastAccessed", "expirationDate", "expired", "algorithm", "scopes", "allowedPaths", "allowedIps",
            "createdBy", "lastAddresses", "policyViolations" })
    record AdminToken(String tokenId, long id, String label, String username, String userKey, String displayName,
            long usageCount, long createdAt, Long lastAccessed, Long expirationDate, boolean expired,
            String algorithm, List<String> scopes, List<String> allowedPaths, List<String> allowedIps,
            String createdBy, List<Address> lastAddresses, List<String> policyViolations) {

        /**
         * @param owner the owner, or {@code null} if the host no longer knows the user key
         * @param createdBy the creator's username, or {@code null} when the owner made it
         * @param policyViolations how the token breaks the policy now in force; empty when it complies
         */
        static AdminToken of(TokenInfo token, HostUser owner, Instant now, String createdBy,
                List<String> policyViolations) {
            return new AdminToken(token.id(), token.storeId(), token.label(),
                    owner == null ? null : owner.name(), token.userKey(), owner == null ? null : owner.displayName(),
                    token.usageCount(), token.createdAt().toEpochMilli(), millis(token.lastAccessed()),
                    millis(token.expiresAt()), token.isExpiredAt(now), token.algorithm(),
                    JsonViews.scopes(token.scopes()), token.allowedPaths(), token.allowedIps(), createdBy,
                    Address.of(token.lastAddresses()), policyViolations);
        }
    }

    /** One page of {@code GET /admin/tokens}. */
    @JsonPropertyOrder({ "total", "offset", "limit", "hasMore", "tokens" })
    record AdminPage(long total, int offset, int limit, boolean hasMore, List<AdminToken> tokens) {

        static AdminPage of(Page<?> page, List<AdminToken> tokens) {
            return new AdminPage(page.total(), page.offset(), page.limit(), page.hasMore(), tokens);
        }
    }

    /** The answer to {@code DELETE /admin/users/{username}/tokens}. */
    record Revoked(String username, int revoked) {
    }

    /** {@code GET /license}. */
    @JsonPropertyOrder({ "state", "allowsAuthentication", "licensee", "expiresAt", "userTier", "activeUsers",
            "message" })
    record License(String state, boolean allowsAuthentication, String licensee, Long expiresAt, int userTier,
            long activeUsers, String message) {

        static License of(LicenseStatus status, long activeUsers) {
            return new License(status.state().name(), status.allowsAuthentication(), status.licensee(),
                    millis(status.expiresAt()), status.userTier(), activeUsers, status.message());
        }
    }
}
