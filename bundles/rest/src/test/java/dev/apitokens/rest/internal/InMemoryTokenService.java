package dev.apitokens.rest.internal;

import dev.apitokens.api.AuthenticationResult;
import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.InvalidTokenRequestException;
import dev.apitokens.api.Page;
import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenPolicy;
import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenRequest;
import dev.apitokens.api.TokenService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;


/** A TokenService keeping tokens in a list, following the contract's rules (not the core's hashing). */
class InMemoryTokenService implements TokenService {

    final List<TokenInfo> tokens = new CopyOnWriteArrayList<>();
    final List<TokenQuery> listAllCalls = new CopyOnWriteArrayList<>();
    private final AtomicLong nextStoreId = new AtomicLong(1);
    /** When set, every call throws what it supplies (a store outage, a bug), unless it supplies null. */
    volatile Supplier<RuntimeException> failure;
    Instant now = Instant.parse("2025-01-01T00:00:00Z");
    volatile TokenPolicy policy = TokenPolicy.UNRESTRICTED;
    volatile boolean mayCreate = true;

    private void maybeFail() {
        Supplier<RuntimeException> f = failure;
        RuntimeException failing = f == null ? null : f.get();
        if (failing != null) {
            throw failing;
        }
    }

    TokenInfo put(String id, String userKey, String label) {
        return put(new TokenInfo(id, nextStoreId.getAndIncrement(), userKey, label, now, null, 0, null, "hmac-sha256"));
    }

    TokenInfo put(TokenInfo token) {
        tokens.add(token);
        return token;
    }

    @Override
    public CreatedToken create(String ownerKey, TokenRequest request, String createdByKey) {
        maybeFail();
        String trimmed = request.label().strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LABEL_LENGTH) {
            throw new InvalidTokenRequestException("label from core rejected");
        }
        String id = "pub" + nextStoreId.get();
        TokenInfo info = put(new TokenInfo(id, nextStoreId.getAndIncrement(), ownerKey, trimmed, now, null, 0,
                request.expiresAt(), "hmac-sha256", request.scopes(), request.allowedPaths(), request.allowedIps(),
                ownerKey.equals(createdByKey) ? null : createdByKey, List.of()));
        return new CreatedToken(info, "apt_secret_" + id);
    }

    @Override
    public List<TokenInfo> list(String userKey) {
        maybeFail();
        return tokens.stream().filter(t -> t.userKey().equals(userKey)).toList();
    }

    @Override
    public Optional<TokenInfo> find(String tokenId) {
        maybeFail();
        return tokens.stream().filter(t -> t.id().equals(tokenId)).findFirst();
    }

    @Override
    public Optional<CreatedToken> rotate(String userKey, String tokenId) {
        maybeFail();
        Optional<TokenInfo> old = tokens.stream().filter(t -> t.userKey().equals(userKey) && t.id().equals(tokenId))
                .findFirst();
        if (old.isEmpty()) {
            return Optional.empty();
        }
        TokenInfo t = old.get();
        String id = "pub" + nextStoreId.getAndIncrement();
        TokenInfo rotated = new TokenInfo(id, t.storeId(), t.userKey(), t.label(), now, null, 0, t.expiresAt(),
                t.algorithm(), t.scopes(), t.allowedPaths(), t.allowedIps(), t.createdBy(), List.of());
        tokens.set(tokens.indexOf(t), rotated);
        return Optional.of(new CreatedToken(rotated, "apt_secret_" + id));
    }

    @Override
    public boolean rename(String userKey, String tokenId, String label) {
        maybeFail();
        String trimmed = label == null ? "" : label.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LABEL_LENGTH) {
            throw new InvalidTokenRequestException("label from core rejected");
        }
        for (TokenInfo t : tokens) {
            if (t.userKey().equals(userKey) && t.id().equals(tokenId)) {
                tokens.set(tokens.indexOf(t), new TokenInfo(t.id(), t.storeId(), t.userKey(), trimmed, t.createdAt(),
                        t.lastAccessed(), t.usageCount(), t.expiresAt(), t.algorithm(), t.scopes(), t.allowedPaths(),
                        t.allowedIps(), t.createdBy(), t.lastAddresses()));
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean revoke(String userKey, String tokenId) {
        maybeFail();
        return tokens.removeIf(t -> t.userKey().equals(userKey) && t.id().equals(tokenId));
    }

    @Override
    public int revokeAll(String userKey) {
        maybeFail();
        int before = tokens.size();
        tokens.removeIf(t -> t.userKey().equals(userKey));
        return before - tokens.size();
    }

    @Override
    public Page<TokenInfo> listAll(TokenQuery query) {
        maybeFail();
        listAllCalls.add(query);
        Comparator<TokenInfo> order = switch (query.sort()) {
            case USER -> Comparator.comparing(TokenInfo::userKey).thenComparingLong(TokenInfo::storeId);
            case LAST_USED_DESC -> Comparator.comparing(TokenInfo::lastAccessed,
                    Comparator.nullsLast(Comparator.<Instant>reverseOrder())).thenComparingLong(TokenInfo::storeId);
            case LAST_USED_ASC -> Comparator.comparing(TokenInfo::lastAccessed,
                    Comparator.nullsFirst(Comparator.<Instant>naturalOrder())).thenComparingLong(TokenInfo::storeId);
            case CREATED -> Comparator.comparingLong(TokenInfo::storeId);
            case EXPIRES_ASC -> Comparator.comparing(TokenInfo::expiresAt,
                    Comparator.nullsLast(Comparator.<Instant>naturalOrder())).thenComparingLong(TokenInfo::storeId);
            case EXPIRES_DESC -> Comparator.comparing(TokenInfo::expiresAt,
                    Comparator.nullsFirst(Comparator.<Instant>reverseOrder())).thenComparingLong(TokenInfo::storeId);
        };
        List<TokenInfo> matching = new ArrayList<>(tokens.stream()
                .filter(t -> query.userKey() == null || t.userKey().equals(query.userKey()))
                .filter(t -> query.labelContains() == null || t.label().toLowerCase(Locale.ROOT)
                        .contains(query.labelContains().toLowerCase(Locale.ROOT)))
                .sorted(order).toList());
        int from = Math.min(query.offset(), matching.size());
        int to = Math.min(from + query.limit(), matching.size());
        return new Page<>(matching.subList(from, to), matching.size(), query.offset(), query.limit());
    }

    @Override
    public boolean revokeAny(String tokenId) {
        maybeFail();
        return tokens.removeIf(t -> t.id().equals(tokenId));
    }

    @Override
    public boolean prune(String tokenId, String reason) {
        maybeFail();
        return tokens.removeIf(t -> t.id().equals(tokenId));
    }

    @Override
    public boolean isTokenFormat(String candidate) {
        return candidate != null && candidate.startsWith("apt_");
    }

    @Override
    public AuthenticationResult authenticate(String username, String presentedToken, String clientAddress) {
        throw new UnsupportedOperationException("the REST API never authenticates tokens itself");
    }

    @Override
    public TokenPolicy policy() {
        return policy;
    }

    @Override
    public boolean mayCreate(String userKey) {
        return mayCreate;
    }

    /** A stand-in for the core's check: a token without expiry breaks a policy that requires one. */
    @Override
    public List<String> policyViolations(TokenInfo token) {
        return policy.requireExpiry() && token.expiresAt() == null ? List.of("never expires") : List.of();
    }
}
