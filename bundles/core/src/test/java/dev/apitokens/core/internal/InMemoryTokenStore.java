package dev.apitokens.core.internal;

import dev.apitokens.api.Page;
import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenStoreUnavailableException;
import dev.apitokens.api.UsedAddress;
import dev.apitokens.spi.NewToken;
import dev.apitokens.spi.RotatedToken;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenStore;
import dev.apitokens.spi.TokenUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;


/** A test fake of the store: a map, call counters, and switches to make it fail. */
final class InMemoryTokenStore implements TokenStore {

    private final Map<String, StoredToken> tokens = new LinkedHashMap<>();
    private final Map<String, RotatedToken> rotated = new LinkedHashMap<>();
    private long nextId = 1;
    final AtomicInteger findByPublicIdCalls = new AtomicInteger();
    final AtomicInteger replaceHashCalls = new AtomicInteger();
    final List<List<TokenUsage>> usageBatches = new ArrayList<>();
    volatile boolean down;
    volatile int recordUsageFailures;

    private void check() {
        if (down) {
            throw new TokenStoreUnavailableException("test store is down", null);
        }
    }

    @Override
    public synchronized StoredToken insert(NewToken token) {
        check();
        if (tokens.containsKey(token.publicId())) {
            throw new IllegalStateException("duplicate public id");
        }
        StoredToken stored = new StoredToken(nextId++, token.publicId(), token.userKey(), token.label(), token.hash(),
                token.createdAt(), null, 0, token.expiresAt(), token.scopes(), token.allowedPaths(),
                token.allowedIps(), token.createdBy(), List.of());
        tokens.put(token.publicId(), stored);
        return stored;
    }

    @Override
    public synchronized Optional<StoredToken> findByPublicId(String publicId) {
        findByPublicIdCalls.incrementAndGet();
        check();
        return Optional.ofNullable(tokens.get(publicId));
    }

    @Override
    public synchronized List<StoredToken> findByUser(String userKey) {
        check();
        return tokens.values().stream().filter(t -> t.userKey().equals(userKey)).toList();
    }

    @Override
    public synchronized Page<StoredToken> find(TokenQuery query) {
        check();
        List<StoredToken> matching = tokens.values().stream()
                .filter(t -> query.userKey() == null || t.userKey().equals(query.userKey()))
                .filter(t -> query.labelContains() == null
                        || t.label().toLowerCase().contains(query.labelContains().toLowerCase()))
                .sorted(Comparator.comparingLong(StoredToken::storeId))
                .toList();
        List<StoredToken> page = matching.stream().skip(query.offset()).limit(query.limit()).toList();
        return new Page<>(page, matching.size(), query.offset(), query.limit());
    }

    @Override
    public synchronized List<StoredToken> findExpiring(Instant from, Instant to, long afterStoreId, int limit) {
        check();
        return tokens.values().stream().filter(t -> t.expiresAt() != null && t.expiresAt().isBefore(to)
                && (from == null || !t.expiresAt().isBefore(from)) && t.storeId() > afterStoreId)
                .sorted(Comparator.comparingLong(StoredToken::storeId)).limit(limit).toList();
    }

    @Override
    public synchronized List<StoredToken> findUnusedSince(Instant before, long afterStoreId, int limit) {
        check();
        return tokens.values().stream()
                .filter(t -> (t.lastAccessed() == null ? t.createdAt() : t.lastAccessed()).isBefore(before)
                        && t.storeId() > afterStoreId)
                .sorted(Comparator.comparingLong(StoredToken::storeId)).limit(limit).toList();
    }

    @Override
    public synchronized List<String> findUserKeys(String afterUserKey, int limit) {
        check();
        return tokens.values().stream().map(StoredToken::userKey).distinct().sorted()
                .filter(k -> afterUserKey == null || k.compareTo(afterUserKey) > 0).limit(limit).toList();
    }

    @Override
    public synchronized boolean delete(String publicId) {
        check();
        return tokens.remove(publicId) != null;
    }

    @Override
    public synchronized int deleteByUser(String userKey) {
        check();
        List<String> ids = tokens.values().stream().filter(t -> t.userKey().equals(userKey))
                .map(StoredToken::publicId).toList();
        ids.forEach(tokens::remove);
        return ids.size();
    }

    @Override
    public synchronized void recordUsage(Collection<TokenUsage> usages) {
        check();
        if (recordUsageFailures > 0) {
            recordUsageFailures--;
            throw new TokenStoreUnavailableException("test store refuses recordUsage", null);
        }
        usageBatches.add(List.copyOf(usages));
        for (TokenUsage usage : usages) {
            StoredToken t = tokens.get(usage.publicId());
            if (t != null) {
                Instant last = t.lastAccessed() == null || usage.lastAccessed().isAfter(t.lastAccessed())
                        ? usage.lastAccessed() : t.lastAccessed();
                StoredToken counted = copy(t, t.hash(), last, t.usageCount() + usage.count());
                tokens.put(t.publicId(), new StoredToken(counted.storeId(), counted.publicId(), counted.userKey(),
                        counted.label(), counted.hash(), counted.createdAt(), counted.lastAccessed(),
                        counted.usageCount(), counted.expiresAt(), counted.scopes(), counted.allowedPaths(),
                        counted.allowedIps(), counted.createdBy(),
                        UsedAddress.merge(t.lastAddresses(), usage.addresses())));
            }
        }
    }

    @Override
    public synchronized boolean replaceHash(String publicId, String expectedHash, String newHash) {
        replaceHashCalls.incrementAndGet();
        check();
        StoredToken t = tokens.get(publicId);
        if (t == null || !t.hash().equals(expectedHash)) {
            return false;
        }
        tokens.put(publicId, copy(t, newHash, t.lastAccessed(), t.usageCount()));
        return true;
    }

    @Override
    public synchronized boolean rename(String publicId, String label) {
        check();
        StoredToken t = tokens.get(publicId);
        if (t == null) {
            return false;
        }
        tokens.put(publicId, new StoredToken(t.storeId(), t.publicId(), t.userKey(), label, t.hash(), t.createdAt(),
                t.lastAccessed(), t.usageCount(), t.expiresAt(), t.scopes(), t.allowedPaths(), t.allowedIps(),
                t.createdBy(), t.lastAddresses()));
        return true;
    }

    @Override
    public synchronized Optional<StoredToken> rotate(String publicId, String expectedHash, String newPublicId,
            String newHash, Instant rotatedAt, Instant expiresAt) {
        check();
        StoredToken t = tokens.get(publicId);
        if (t == null || !t.hash().equals(expectedHash)) {
            return Optional.empty();
        }
        rotated.put(publicId, new RotatedToken(publicId, t.hash(), newPublicId, t.userKey(), rotatedAt));
        tokens.remove(publicId);
        StoredToken now = new StoredToken(t.storeId(), newPublicId, t.userKey(), t.label(), newHash, rotatedAt, null,
                0, expiresAt, t.scopes(), t.allowedPaths(), t.allowedIps(), t.createdBy(), List.of());
        tokens.put(newPublicId, now);
        return Optional.of(now);
    }

    @Override
    public synchronized Optional<RotatedToken> findRotated(String publicId) {
        check();
        return Optional.ofNullable(rotated.get(publicId));
    }

    @Override
    public synchronized int deleteRotated(Collection<String> publicIds) {
        check();
        int deleted = 0;
        for (String id : publicIds) {
            deleted += rotated.remove(id) == null ? 0 : 1;
        }
        return deleted;
    }

    @Override
    public synchronized int deleteStaleRotated(Instant now, Instant rotatedBefore) {
        check();
        List<String> stale = new ArrayList<>();
        for (RotatedToken record : rotated.values()) {
            String live = record.successorId();
            for (int hops = 0; rotated.containsKey(live) && hops < 1000; hops++) {
                live = rotated.get(live).successorId();
            }
            StoredToken token = tokens.get(live);
            if (token == null || token.expiresAt() != null && !now.isBefore(token.expiresAt())
                    || rotatedBefore != null && record.rotatedAt().isBefore(rotatedBefore)) {
                stale.add(record.publicId());
            }
        }
        stale.forEach(rotated::remove);
        return stale.size();
    }

    synchronized int rotatedCount() {
        return rotated.size();
    }

    synchronized StoredToken get(String publicId) {
        return tokens.get(publicId);
    }

    synchronized void putHash(String publicId, String hash) {
        StoredToken t = tokens.get(publicId);
        tokens.put(publicId, copy(t, hash, t.lastAccessed(), t.usageCount()));
    }

    private static StoredToken copy(StoredToken t, String hash, Instant lastAccessed, long usageCount) {
        return new StoredToken(t.storeId(), t.publicId(), t.userKey(), t.label(), hash, t.createdAt(), lastAccessed,
                usageCount, t.expiresAt(), t.scopes(), t.allowedPaths(), t.allowedIps(), t.createdBy(),
                t.lastAddresses());
    }
}
