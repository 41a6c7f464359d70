package dev.apitokens.core.internal;

import dev.apitokens.api.AuditEvents;
import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.InvalidTokenRequestException;
import dev.apitokens.api.TokenPolicyException;
import dev.apitokens.api.TokenRequest;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.NewToken;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Creation of a token: the request validated, the policy applied (a refusal is audited), then the token generated,
 * hashed with the preferred hasher and stored. The policy's token-limit count and the insert run together under
 * the owner's lock on this node ({@link OwnerLocks}).
 */
final class TokenCreation {

    private final TokenStore store;
    private final HostUsers users;
    private final AdminPolicy policy;
    private final TokenRequestValidator validator;
    private final TokenFormat format;
    private final Supplier<RankedHashers> hashers;
    private final AuditTrail audit;
    private final Clock clock;
    private final OwnerLocks ownerLocks = new OwnerLocks();

    TokenCreation(TokenStore store, HostUsers users, AdminPolicy policy, TokenRequestValidator validator,
            TokenFormat format, Supplier<RankedHashers> hashers, AuditTrail audit, Clock clock) {
        this.store = store;
        this.users = users;
        this.policy = policy;
        this.validator = validator;
        this.format = format;
        this.hashers = hashers;
        this.audit = audit;
        this.clock = clock;
    }

    /** See {@link dev.apitokens.api.TokenService#create}. */
    CreatedToken create(String ownerKey, TokenRequest request, String createdByKey) {
        Objects.requireNonNull(ownerKey, "ownerKey");
        Objects.requireNonNull(request, "request");
        Instant now = clock.instant();
        TokenRequest valid = validator.validate(request, now);
        HostUser owner = users.findByKey(ownerKey)
                .orElseThrow(() -> new InvalidTokenRequestException("There is no such user."));
        boolean byAdmin = createdByKey != null && !createdByKey.equals(ownerKey)
                ? users.findByKey(createdByKey).map(HostUser::admin).orElse(false)
                : owner.admin();
        // the count the token limit reads and the insert, together for one owner on this node
        return ownerLocks.underLockOf(ownerKey, () -> createToken(ownerKey,
                allowedByPolicy(owner, byAdmin, valid, now, createdByKey), createdByKey, now));
    }

    /** The request as the policy lets it through; a refusal is audited, then thrown. */
    private TokenRequest allowedByPolicy(HostUser owner, boolean byAdmin, TokenRequest valid, Instant now,
            String createdByKey) {
        try {
            return policy.apply(owner, byAdmin, valid, now, () -> store.findByUser(owner.key()).size());
        } catch (TokenPolicyException e) {
            audit.post(AuditEvents.TOKEN_REFUSED_BY_POLICY, createdByKey == null ? owner.key() : createdByKey,
                    owner.key(), null, e.reason() + ": " + e.getMessage());
            throw e;
        }
    }

    /** Creates a token for a validated request that the policy allowed. */
    private CreatedToken createToken(String ownerKey, TokenRequest request, String createdByKey, Instant now) {
        Hasher hasher = hashers.get().preferred().orElseThrow(NoHasherException::new);
        String token = format.generate();
        String hash = hasher.hash(token.getBytes(StandardCharsets.UTF_8));
        String createdBy = createdByKey == null || createdByKey.equals(ownerKey) ? null : createdByKey;
        StoredToken stored = store.insert(new NewToken(TokenFormat.publicIdOf(token), ownerKey, request.label(), hash,
                now, request.expiresAt(), request.scopes(), request.allowedPaths(), request.allowedIps(), createdBy));
        audit.post(AuditEvents.TOKEN_CREATED, createdByKey == null ? ownerKey : createdByKey, ownerKey,
                stored.publicId(), request.label());
        return new CreatedToken(CoreTokenService.toInfo(stored), token);
    }
}
