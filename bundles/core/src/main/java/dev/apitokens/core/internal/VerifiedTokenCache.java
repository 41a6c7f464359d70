package dev.apitokens.core.internal;

import dev.apitokens.api.IpRange;
import dev.apitokens.api.TokenScope;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens whose secret was verified recently, so that a script calling the REST API in a loop does not pay for a
 * slow hash on every request.
 *
 * <p>Keys are an HMAC-SHA256 of the presented token under a random key made when this cache is: the token itself
 * never sits in memory as a key, and a heap dump does not let anyone test guesses offline (the key dies with the
 * process). Revocations {@link #evictIf evict} at once: this node's directly, other nodes' when the revocation feed
 * delivers them. An entry lives at most {@code ttl}, which bounds a revocation the feed could not deliver.
 *
 * <p>Bounded LRU; one lock, held only for map operations of a few hundred nanoseconds.
 */
final class VerifiedTokenCache {

    /** What a hit needs to repeat every check except the store lookup and the hash. */
    record Entry(String publicId, String userKey, Instant expiresAt, String storedHash, Instant verifiedAt,
            TokenScope scope, List<String> allowedPaths, List<IpRange> allowedIps) {

        /** A write-scoped token without restrictions. */
        Entry(String publicId, String userKey, Instant expiresAt, String storedHash, Instant verifiedAt) {
            this(publicId, userKey, expiresAt, storedHash, verifiedAt, TokenScope.WRITE, List.of(), List.of());
        }
    }

    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder KEY_TEXT = Base64.getEncoder().withoutPadding();

    private final int maxEntries;
    private final Duration ttl;
    private final SecretKeySpec macKey;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final Map<String, Entry> entries;
    /** Bumped by every eviction, so that a verification that raced with a revocation is not cached after it. */
    private long epoch;

    VerifiedTokenCache(int maxEntries, Duration ttl) {
        this.maxEntries = Math.max(0, maxEntries);
        this.ttl = ttl;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        macKey = new SecretKeySpec(key, HMAC);
        newMac(); // fail here, not on the first request, if the platform lacks HmacSHA256
        entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > VerifiedTokenCache.this.maxEntries;
            }
        };
    }

    boolean isEnabled() {
        return maxEntries > 0 && !ttl.isZero() && !ttl.isNegative();
    }

    /** The cache key of a presented token: its keyed digest, never the token. */
    String keyOf(String presentedToken) {
        return KEY_TEXT.encodeToString(mac().doFinal(presentedToken.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The entry for a key that is still fresh at {@code now} (the caller's one reading of the clock for the
     * request), or {@code null}; an entry older than the TTL is dropped.
     */
    synchronized Entry get(String key, Instant now) {
        Entry entry = entries.get(key);
        if (entry != null && !now.isBefore(entry.verifiedAt().plus(ttl))) {
            entries.remove(key);
            return null;
        }
        return entry;
    }

    /** The current epoch; read it before the store lookup whose result is to be cached. */
    synchronized long epoch() {
        return epoch;
    }

    /** Caches an entry unless an eviction happened since {@code epochBeforeLookup}. */
    synchronized void put(String key, Entry entry, long epochBeforeLookup) {
        if (isEnabled() && epoch == epochBeforeLookup) {
            entries.put(key, entry);
        }
    }

    /** Drops every entry that matches, e.g. those of a revoked token or of a user whose tokens were revoked. */
    synchronized void evictIf(Predicate<Entry> revoked) {
        epoch++;
        entries.values().removeIf(revoked);
    }

    synchronized int size() {
        return entries.size();
    }

    private Mac mac() {
        // Mac is not thread-safe: one initialised instance per thread, made once (a clone per call costs more
        // than the digest of a token)
        return macs.get();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(macKey);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
