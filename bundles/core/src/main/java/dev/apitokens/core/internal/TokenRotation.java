package dev.apitokens.core.internal;

import dev.apitokens.api.AuditEvents;
import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.InvalidTokenRequestException;
import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.Revocation;
import dev.apitokens.spi.RotatedToken;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotation of a token in place (a new secret, the expiry the policy allows, see
 * {@link AdminPolicy#expiryOnRotation}), and what happens when a rotated-away secret is presented again: it is
 * taken as leaked and the token it became is revoked.
 */
final class TokenRotation {

    private static final Logger LOG = LoggerFactory.getLogger(TokenRotation.class);
    /** A bound on following successors of a leaked token (a chain is as long as the token was rotated). */
    private static final int MAX_ROTATIONS_FOLLOWED = 1000;

    private final TokenStore store;
    private final AdminPolicy policy;
    private final TokenFormat format;
    private final Supplier<RankedHashers> hashers;
    private final VerifiedTokenCache cache;
    private final Consumer<Revocation> tellOtherNodes;
    private final AuditTrail audit;
    private final Clock clock;

    TokenRotation(TokenStore store, AdminPolicy policy, TokenFormat format, Supplier<RankedHashers> hashers,
            VerifiedTokenCache cache, Consumer<Revocation> tellOtherNodes, AuditTrail audit, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.format = format;
        this.hashers = hashers;
        this.cache = cache;
        this.tellOtherNodes = tellOtherNodes;
        this.audit = audit;
        this.clock = clock;
    }

    /** Rotates {@code old}, which {@code userKey} owns; empty if it was revoked or rotated meanwhile. */
    Optional<CreatedToken> rotate(String userKey, StoredToken old) {
        Instant now = clock.instant();
        if (old.expiresAt() != null && !now.isBefore(old.expiresAt())) {
            throw new InvalidTokenRequestException("This token has expired, so it has no lifetime left to hand on: "
                    + "create a new token instead.");
        }
        Instant expiry = policy.expiryOnRotation(old.expiresAt(), now);
        Hasher hasher = hashers.get().preferred().orElseThrow(NoHasherException::new);
        String token = format.generate();
        String newId = TokenFormat.publicIdOf(token);
        Optional<StoredToken> rotated = store.rotate(old.publicId(), old.hash(), newId,
                hasher.hash(token.getBytes(StandardCharsets.UTF_8)), now, expiry);
        if (rotated.isEmpty()) {
            return Optional.empty();
        }
        cache.evictIf(e -> e.publicId().equals(old.publicId()));
        tellOtherNodes.accept(Revocation.ofToken(old.publicId()));
        audit.post(AuditEvents.TOKEN_ROTATED, userKey, old.userKey(), newId, "rotated from " + old.publicId());
        return Optional.of(new CreatedToken(CoreTokenService.toInfo(rotated.get()), token));
    }

    /**
     * A rotated-away secret was presented again with its right secret: whoever has it may have its successor
     * too, so the token it became (following later rotations) is revoked, and the family's records forgotten.
     */
    void leaked(RotatedToken rotated) {
        try {
            List<String> family = new ArrayList<>(List.of(rotated.publicId()));
            String live = rotated.successorId();
            for (int hops = 0; hops < MAX_ROTATIONS_FOLLOWED; hops++) {
                Optional<RotatedToken> next = store.findRotated(live);
                if (next.isEmpty()) {
                    break;
                }
                family.add(live);
                live = next.get().successorId();
            }
            String successor = live;
            boolean revoked = store.findByPublicId(successor).filter(t -> t.userKey().equals(rotated.userKey()))
                    .isPresent() && store.delete(successor);
            cache.evictIf(e -> e.publicId().equals(successor));
            if (revoked) {
                tellOtherNodes.accept(Revocation.ofToken(successor));
            }
            store.deleteRotated(family);
            LOG.warn("The API token {} of user {} was rotated away, and its old secret was presented again: it is "
                    + "treated as leaked, and {}", rotated.publicId(), rotated.userKey(),
                    revoked ? "its successor " + successor + " was revoked" : "its successor was already gone");
            audit.post(AuditEvents.TOKEN_LEAK_DETECTED, null, rotated.userKey(), successor,
                    "old secret of " + rotated.publicId() + " presented again");
        } catch (RuntimeException e) {
            LOG.error("The old secret of the rotated API token {} of user {} was presented again, but revoking its "
                    + "successor failed; revoke the user's tokens by hand", rotated.publicId(), rotated.userKey(), e);
        }
    }
}
