package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.apitokens.store.ao.ContractTokens.T0;
import static dev.apitokens.store.ao.ContractTokens.newId;
import static dev.apitokens.store.ao.ContractTokens.token;

import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenScope;
import dev.apitokens.spi.NewToken;
import dev.apitokens.spi.StoredToken;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The row part of the token store contract: insert, look up by public id and by user, rename, delete.
 * Run through {@link TokenStoreContract}, once per {@link TestDatabase}.
 */
public interface TokenCrudContract extends TokenStoreFixture {

    @Test
    default void keepsScopeRestrictionsAndCreator() {
        NewToken token = new NewToken(newId(), "bob", "read-only CI", "$hmac-sha256$v=1$x", T0, null,
                Set.of(TokenScope.READ), List.of("/rest/api/2/issue", "/rest/api/2/search"),
                List.of("10.0.0.0/8", "2001:db8::/32"), "admin");
        StoredToken inserted = store().insert(token);
        StoredToken byId = store().findByPublicId(token.publicId()).orElseThrow();
        StoredToken byUser = store().findByUser("bob").get(0);
        StoredToken listed = store().find(TokenQuery.firstPage(10)).items().get(0);
        for (StoredToken read : List.of(inserted, byId, byUser, listed)) {
            assertEquals(Set.of(TokenScope.READ), read.scopes());
            assertEquals(List.of("/rest/api/2/issue", "/rest/api/2/search"), read.allowedPaths());
            assertEquals(List.of("10.0.0.0/8", "2001:db8::/32"), read.allowedIps());
            assertEquals("admin", read.createdBy());
            assertEquals(List.of(), read.lastAddresses());
        }
        StoredToken plain = store().insert(token("bob", "plain"));
        StoredToken read = store().findByPublicId(plain.publicId()).orElseThrow();
        assertEquals(List.of(Set.of(TokenScope.WRITE), List.of(), List.of(), List.of()),
                List.of(read.scopes(), read.allowedPaths(), read.allowedIps(), read.lastAddresses()));
        assertEquals(null, read.createdBy());
    }

    @Test
    default void renames() {
        StoredToken a = store().insert(token("alice", "old name"));
        assertTrue(store().rename(a.publicId(), "new name"));
        assertEquals("new name", store().findByPublicId(a.publicId()).orElseThrow().label());
        assertFalse(store().rename("no-such-token", "x"));
    }

    @Test
    default void insertsAndFindsByPublicId() {
        NewToken token = new NewToken(newId(), "user-1", "Jenkins", "$hmac-sha256$v=1$c2FsdA$aGFzaA", T0,
                T0.plusSeconds(86_400));
        StoredToken stored = store().insert(token);
        assertTrue(stored.storeId() > 0);

        StoredToken found = store().findByPublicId(token.publicId()).orElseThrow();
        assertEquals(stored, found);
        assertEquals(new StoredToken(stored.storeId(), token.publicId(), "user-1", "Jenkins", token.hash(), T0, null, 0,
                T0.plusSeconds(86_400)), found);
        assertEquals(Optional.empty(), store().findByPublicId("no-such-token"));
    }

    @Test
    default void keepsTokensWithoutExpiryAndGivesEachItsOwnId() {
        StoredToken first = store().insert(token("user-1", "first"));
        StoredToken second = store().insert(token("user-1", "second"));
        assertNotEquals(first.storeId(), second.storeId());
        assertEquals(null, store().findByPublicId(second.publicId()).orElseThrow().expiresAt());
    }

    @Test
    default void rejectsADuplicatePublicIdAndKeepsTheFirstToken() {
        NewToken token = token("user-1", "original");
        store().insert(token);
        NewToken clash = new NewToken(token.publicId(), "user-2", "clash", "other-hash", T0, null);
        assertThrows(IllegalArgumentException.class, () -> store().insert(clash));
        assertEquals("user-1", store().findByPublicId(token.publicId()).orElseThrow().userKey());
        assertEquals(1, store().find(TokenQuery.firstPage(10)).total());
    }

    @Test
    default void listsAUsersTokensOldestFirst() {
        StoredToken a = store().insert(token("alice", "one"));
        store().insert(token("bob", "other"));
        StoredToken b = store().insert(token("alice", "two"));
        StoredToken c = store().insert(token("alice", "three"));
        assertEquals(List.of(a, b, c), store().findByUser("alice"));
        assertEquals(List.of(), store().findByUser("nobody"));
    }

    @Test
    default void deletesOneToken() {
        StoredToken kept = store().insert(token("alice", "kept"));
        StoredToken gone = store().insert(token("alice", "gone"));
        assertTrue(store().delete(gone.publicId()));
        assertFalse(store().delete(gone.publicId()));
        assertEquals(Optional.empty(), store().findByPublicId(gone.publicId()));
        assertEquals(List.of(kept), store().findByUser("alice"));
    }

    @Test
    default void deletesAllOfOneUsersTokensOnly() {
        store().insert(token("alice", "a1"));
        store().insert(token("alice", "a2"));
        StoredToken bobs = store().insert(token("bob", "b1"));
        assertEquals(2, store().deleteByUser("alice"));
        assertEquals(0, store().deleteByUser("alice"));
        assertEquals(List.of(), store().findByUser("alice"));
        assertEquals(List.of(bobs), store().findByUser("bob"));
    }
}
