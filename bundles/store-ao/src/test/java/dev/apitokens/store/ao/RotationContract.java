package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.apitokens.store.ao.ContractTokens.T0;
import static dev.apitokens.store.ao.ContractTokens.newId;
import static dev.apitokens.store.ao.ContractTokens.token;

import dev.apitokens.api.TokenScope;
import dev.apitokens.api.UsedAddress;
import dev.apitokens.spi.NewToken;
import dev.apitokens.spi.RotatedToken;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The secret part of the token store contract: rotation in place, remembering the rotated-away secret, and the
 * compare-and-set of a hash that re-hashing on use relies on. The rotation records' lifetime is
 * {@link RotationRecordsContract}.
 * Run through {@link TokenStoreContract}, once per {@link TestDatabase}.
 */
public interface RotationContract extends TokenStoreFixture {

    @Test
    default void rotatesInPlaceAndRemembersTheOldSecret() {
        NewToken token = new NewToken(newId(), "bob", "CI", "$h$old", T0, T0.plusSeconds(3600),
                Set.of(TokenScope.READ), List.of("/rest"), List.of("10.0.0.0/8"), "admin");
        StoredToken old = store().insert(token);
        store().recordUsage(List.of(new TokenUsage(old.publicId(), 3, T0.plusSeconds(5),
                List.of(new UsedAddress("10.0.0.1", T0.plusSeconds(5))))));
        String newId = newId();
        Instant at = T0.plusSeconds(60);

        assertEquals(Optional.empty(), store().rotate(old.publicId(), "$h$wrong", newId, "$h$new", at));
        StoredToken rotated = store().rotate(old.publicId(), "$h$old", newId, "$h$new", at).orElseThrow();

        assertEquals(List.of(old.storeId(), newId, "bob", "CI", "$h$new", at, 0L),
                List.of(rotated.storeId(), rotated.publicId(), rotated.userKey(), rotated.label(), rotated.hash(),
                        rotated.createdAt(), rotated.usageCount()));
        assertEquals(List.of(T0.plusSeconds(3600), Set.of(TokenScope.READ), List.of("/rest"), List.of("10.0.0.0/8"),
                "admin", List.of()), List.of(rotated.expiresAt(), rotated.scopes(), rotated.allowedPaths(),
                        rotated.allowedIps(), rotated.createdBy(), rotated.lastAddresses()));
        assertEquals(null, rotated.lastAccessed());
        assertEquals(Optional.empty(), store().findByPublicId(old.publicId()));
        assertEquals(rotated, store().findByPublicId(newId).orElseThrow());
        RotatedToken record = store().findRotated(old.publicId()).orElseThrow();
        assertEquals(List.of(old.publicId(), "$h$old", newId, "bob", at), List.of(record.publicId(), record.hash(),
                record.successorId(), record.userKey(), record.rotatedAt()));
        assertEquals(Optional.empty(), store().findRotated(newId));
        assertEquals(Optional.empty(), store().rotate(old.publicId(), "$h$old", newId(), "$h$again", at),
                "a rotated-away id cannot be rotated again");

        assertEquals(1, store().deleteRotated(List.of(old.publicId(), "never-rotated")));
        assertEquals(Optional.empty(), store().findRotated(old.publicId()));
    }

    @Test
    default void replacesAHashOnlyIfItIsStillTheExpectedOne() {
        StoredToken a = store().insert(token("alice", "a"));
        assertTrue(store().replaceHash(a.publicId(), a.hash(), "$argon2id$new"));
        assertFalse(store().replaceHash(a.publicId(), a.hash(), "$argon2id$lost-race"));
        assertEquals("$argon2id$new", store().findByPublicId(a.publicId()).orElseThrow().hash());
        assertFalse(store().replaceHash("no-such-token", "x", "y"));
    }
}
