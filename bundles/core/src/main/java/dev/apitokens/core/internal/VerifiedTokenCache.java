package dev.apitokens.core.internal;

import dev.apitokens.api.IpRange;
import dev.apitokens.api.TokenScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Tokens whose secret was verified recently, so that a script calling the REST API in a loop does not pay for a
 * slow hash on every request.
 *
 * <p>Keys are a keyed digest of the presented token: SHA-256 over a random 64-byte key block made when this cache
 * is, followed by the token. The token itself never sits in memory as a key; testing guesses against a key needs
 * the key block (512 random bits, dying with the process; a heap dump holds its midstate, as it held the HMAC
 * key before, and then still faces the token's 131-bit secret). The digest that has
 * absorbed the key block is kept and cloned per call, so a 48-character token costs one SHA-256 compression (an
 * HMAC costs four). Length extension, the reason HMAC is not plain {@code H(key || message)}, does not matter
 * here: the digest is never shown to anyone and only ever compared with digests this cache made. Revocations {@link #evictIf evict} at once: this node's directly, other nodes' when the revocation feed
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

    /** One SHA-256 block: the key fills it, so the token starts a block of its own. */
    private static final int KEY_BLOCK_BYTES = 64;

    private final int maxEntries;
    private final Duration ttl;
    /** SHA-256 that has absorbed the random key block; never updated again, only cloned. */
    private final MessageDigest keyed;
    private final Map<String, Entry> entries;
    /** Bumped by every eviction, so that a verification that raced with a revocation is not cached after it. */
    private long epoch;

    VerifiedTokenCache(int maxEntries, Duration ttl) {
        this.maxEntries = Math.max(0, maxEntries);
        this.ttl = ttl;
        byte[] key = new byte[KEY_BLOCK_BYTES];
        new SecureRandom().nextBytes(key);
        keyed = sha256();
        keyed.update(key);
        Arrays.fill(key, (byte) 0);
        clone(keyed); // fail here, not on the first request, if the provider's digest cannot be cloned
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

    /**
     * The cache key of a presented token: its keyed digest (256 bits, one char per byte), never the token.
     * Thread-safe: each call digests with its own clone.
     */
    String keyOf(String presentedToken) {
        MessageDigest digest = clone(keyed);
        byte[] hash = digest.digest(presentedToken.getBytes(StandardCharsets.UTF_8));
        // ISO-8859-1 maps each byte to one char: a compact string of 32 chars, no encoding work
        return new String(hash, StandardCharsets.ISO_8859_1);
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the platform's SHA-256 cannot be cloned", e);
        }
    }
}
