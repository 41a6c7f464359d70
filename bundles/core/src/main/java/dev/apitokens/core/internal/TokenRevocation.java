package dev.apitokens.core.internal;

import dev.apitokens.api.AuditEvents;
import dev.apitokens.spi.Revocation;
import dev.apitokens.spi.RevocationFeed;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenStore;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocation of tokens, here and on the cluster's other nodes: a revoked token is deleted, evicted from this node's
 * {@link VerifiedTokenCache} and published on the {@link RevocationFeed}, whose revocations from other nodes evict
 * here in turn ({@link RevocationListener}).
 */
final class TokenRevocation {

    /** The service's logger, as before revocation was split off it: the log lines keep their logger name. */
    private static final Logger LOG = LoggerFactory.getLogger(CoreTokenService.class);

    private final TokenStore store;
    private final VerifiedTokenCache cache;
    private final AuditTrail audit;
    private final int cacheTtlSeconds;
    /** The cluster's revocations: the store's log in the shared database, or a host adapter's messaging. */
    private volatile RevocationFeed revocationFeed;
    private RevocationFeed.Subscription revocationSubscription;

    TokenRevocation(TokenStore store, VerifiedTokenCache cache, AuditTrail audit, int cacheTtlSeconds) {
        this.store = store;
        this.cache = cache;
        this.audit = audit;
        this.cacheTtlSeconds = cacheTtlSeconds;
    }

    synchronized void bindFeed(RevocationFeed feed) {
        closeSubscription();
        revocationSubscription = feed.subscribe(new RevocationListener(cache));
        revocationFeed = feed;
        // verified while no feed (or another one) was listening: revocations of that time may have been missed
        cache.evictIf(entry -> true);
    }

    synchronized void unbindFeed(RevocationFeed feed) {
        if (revocationFeed == feed) {
            closeSubscription();
            revocationFeed = null;
        }
    }

    synchronized void closeSubscription() {
        if (revocationSubscription != null) {
            revocationSubscription.close();
            revocationSubscription = null;
        }
    }

    /** See {@link dev.apitokens.api.TokenService#revoke}. */
    boolean revoke(String userKey, String tokenId) {
        if (!TokenFormat.isPublicId(tokenId)) {
            return false;
        }
        boolean owned = store.findByPublicId(tokenId).filter(t -> t.userKey().equals(userKey)).isPresent();
        boolean deleted = owned && store.delete(tokenId);
        if (deleted) {
            cache.evictIf(e -> e.publicId().equals(tokenId));
            tellOtherNodes(Revocation.ofToken(tokenId));
            audit.post(AuditEvents.TOKEN_REVOKED, userKey, userKey, tokenId, null);
        }
        return deleted;
    }

    /** See {@link dev.apitokens.api.TokenService#revokeAll(String, String)}. */
    int revokeAll(String userKey, String actorKey) {
        int deleted = store.deleteByUser(userKey);
        cache.evictIf(e -> e.userKey().equals(userKey));
        if (deleted > 0) {
            tellOtherNodes(Revocation.ofUser(userKey));
            audit.post(AuditEvents.ALL_TOKENS_REVOKED, actorKey, userKey, null, deleted + " tokens");
        }
        return deleted;
    }

    /** Revokes any user's token (an admin, the pruning), audited as {@code auditType}. */
    boolean revokeAs(String auditType, String tokenId, String actorKey, String detail) {
        if (!TokenFormat.isPublicId(tokenId)) {
            return false;
        }
        // read first, so the audit event can name the owner (the row is gone after the delete)
        String owner = store.findByPublicId(tokenId).map(StoredToken::userKey).orElse(null);
        boolean deleted = store.delete(tokenId);
        cache.evictIf(e -> e.publicId().equals(tokenId));
        if (deleted) {
            tellOtherNodes(Revocation.ofToken(tokenId));
            audit.post(auditType, actorKey, owner, tokenId, detail);
        }
        return deleted;
    }

    /**
     * Publishes a stored revocation to the other nodes. It stays revoked if that fails: the other nodes then see it
     * when their verification ages out of the cache.
     */
    void tellOtherNodes(Revocation revocation) {
        RevocationFeed feed = revocationFeed;
        if (feed == null) {
            return;
        }
        try {
            feed.publish(revocation);
        } catch (RuntimeException e) {
            LOG.warn("Revoked {} {}, but could not tell the other nodes: they accept it until their cached "
                    + "verification expires (at most {} s): {}", revocation.kind().name().toLowerCase(Locale.ROOT),
                    revocation.subject(), cacheTtlSeconds, e.getMessage());
        }
    }
}
