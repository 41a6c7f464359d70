package dev.apitokens.housekeeping.internal;

import dev.apitokens.api.TokenService;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily pruning: tokens expired more than {@code pruneExpiredAfterDays} ago are deleted, tokens unused for
 * {@code revokeIdleAfterDays} are revoked, and tokens of users the host no longer knows or has deactivated are
 * revoked. Each through {@link TokenService#prune} (every node stops accepting it, one audit event
 * {@code TOKEN_PRUNED} with the reason) and one INFO line. The store is read a page at a time, never whole.
 */
final class Pruning {

    /** Counts of one run, by reason. */
    record Result(int expired, int idle, int ownerGone) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Pruning.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);
    private static final int PAGE = 200;

    private final TokenStore store;
    private final TokenService tokens;
    private final HostUsers users;
    private final int pruneExpiredAfterDays;
    private final int revokeIdleAfterDays;
    private final boolean revokeTokensOfGoneUsers;

    /**
     * @param pruneExpiredAfterDays days after expiry before deletion; negative for never
     * @param revokeIdleAfterDays days without use before revocation; 0 or less for never
     */
    Pruning(TokenStore store, TokenService tokens, HostUsers users, int pruneExpiredAfterDays,
            int revokeIdleAfterDays, boolean revokeTokensOfGoneUsers) {
        this.store = store;
        this.tokens = tokens;
        this.users = users;
        this.pruneExpiredAfterDays = pruneExpiredAfterDays;
        this.revokeIdleAfterDays = revokeIdleAfterDays;
        this.revokeTokensOfGoneUsers = revokeTokensOfGoneUsers;
    }

    Result run(Instant now) {
        int expired = pruneExpiredAfterDays < 0 ? 0
                : prune(after -> store.findExpiring(null, now.minus(Duration.ofDays(pruneExpiredAfterDays)), after,
                        PAGE), t -> "expired " + DATE.format(t.expiresAt()));
        int idle = revokeIdleAfterDays <= 0 ? 0
                : prune(after -> store.findUnusedSince(now.minus(Duration.ofDays(revokeIdleAfterDays)), after, PAGE),
                        t -> t.lastAccessed() == null ? "never used since " + DATE.format(t.createdAt())
                                : "unused since " + DATE.format(t.lastAccessed()));
        int gone = revokeTokensOfGoneUsers ? pruneTokensOfGoneUsers() : 0;
        return new Result(expired, idle, gone);
    }

    private int prune(Function<Long, List<StoredToken>> pages, Function<StoredToken, String> reason) {
        int count = 0;
        long after = 0;
        List<StoredToken> page;
        do {
            page = pages.apply(after);
            for (StoredToken token : page) {
                after = token.storeId();
                count += prune(token, reason.apply(token)) ? 1 : 0;
            }
        } while (page.size() == PAGE);
        return count;
    }

    private boolean prune(StoredToken token, String reason) {
        boolean pruned = tokens.prune(token.publicId(), reason);
        if (pruned) {
            LOG.info("Pruned API token {} of user {}: {}", token.publicId(), token.userKey(), reason);
        }
        return pruned;
    }

    /**
     * Revokes the tokens of owners the host does not know or has deactivated. If the host knows none of several
     * owners, its directory is taken to be unavailable (an LDAP outage must not revoke everybody's tokens) and
     * nothing is revoked.
     */
    private int pruneTokensOfGoneUsers() {
        Map<String, String> gone = new java.util.LinkedHashMap<>();
        int owners = 0;
        String after = null;
        List<String> page;
        do {
            page = store.findUserKeys(after, PAGE);
            for (String userKey : page) {
                after = userKey;
                owners++;
                Optional<HostUser> user = users.findByKey(userKey);
                if (user.isEmpty()) {
                    gone.put(userKey, "owner unknown to the host");
                } else if (!user.get().active()) {
                    gone.put(userKey, "owner deactivated");
                }
            }
        } while (page.size() == PAGE);
        if (owners > 1 && gone.size() == owners
                && gone.values().stream().allMatch("owner unknown to the host"::equals)) {
            LOG.warn("API token pruning: the host knows none of the {} token owners; its user directory looks "
                    + "unavailable, so no tokens were revoked for unknown owners", owners);
            return 0;
        }
        int count = 0;
        for (Map.Entry<String, String> owner : gone.entrySet()) {
            for (StoredToken token : new ArrayList<>(store.findByUser(owner.getKey()))) {
                count += prune(token, owner.getValue()) ? 1 : 0;
            }
        }
        return count;
    }
}
