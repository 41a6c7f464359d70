package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.apitokens.store.ao.ContractTokens.T0;
import static dev.apitokens.store.ao.ContractTokens.ids;
import static dev.apitokens.store.ao.ContractTokens.newId;
import static dev.apitokens.store.ao.ContractTokens.range;
import static dev.apitokens.store.ao.ContractTokens.token;

import dev.apitokens.api.Page;
import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenScope;
import dev.apitokens.spi.NewToken;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenUsage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.apitokens.api.TokenQuery.Sort;

/**
 * The listing part of the token store contract: the admin listing's pages, filters and orders, and the paged scans
 * of the scheduled work.
 * Run through {@link TokenStoreContract}, once per {@link TestDatabase}.
 */
public interface ListingContract extends TokenStoreFixture {

    @Test
    default void pagesThroughEverybodysTokensWithATotal() {
        List<StoredToken> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(store().insert(token("user-" + (i % 3), "token " + i)));
        }
        TokenQuery firstQuery = TokenQuery.firstPage(3);
        Page<StoredToken> first = store().find(firstQuery);
        assertEquals(all.subList(0, 3), first.items());
        assertEquals(7, first.total());
        assertTrue(first.hasMore());
        assertEquals(all.subList(3, 6), store().find(firstQuery.nextPage()).items());
        Page<StoredToken> third = store().find(firstQuery.nextPage().nextPage());
        assertEquals(all.subList(6, 7), third.items());
        assertFalse(third.hasMore());
        assertEquals(List.of(), store().find(new TokenQuery(null, null, Sort.CREATED, 30, 3)).items());
    }

    @Test
    default void filtersByUserAndLabelIgnoringCaseAndTakingWildcardsLiterally() {
        StoredToken jenkins = store().insert(token("alice", "Jenkins CI"));
        StoredToken script = store().insert(token("alice", "python script"));
        StoredToken bobJenkins = store().insert(token("bob", "old JENKINS"));
        StoredToken percent = store().insert(token("bob", "100% done_now"));

        assertEquals(List.of(jenkins, script), items(new TokenQuery("alice", null, Sort.CREATED, 0, 10)));
        assertEquals(List.of(jenkins, bobJenkins), items(new TokenQuery(null, "jenKins", Sort.CREATED, 0, 10)));
        assertEquals(List.of(bobJenkins), items(new TokenQuery("bob", "jenkins", Sort.CREATED, 0, 10)));
        assertEquals(List.of(percent), items(new TokenQuery(null, "0% D", Sort.CREATED, 0, 10)));
        assertEquals(List.of(percent), items(new TokenQuery(null, "e_n", Sort.CREATED, 0, 10)));
        assertEquals(List.of(percent), items(new TokenQuery(null, "%", Sort.CREATED, 0, 10)));
        assertEquals(1, store().find(new TokenQuery("bob", "jenkins", Sort.CREATED, 0, 10)).total());
    }

    @Test
    default void sortsByLastUseByUserAndByCreation() {
        StoredToken never = store().insert(token("carol", "never used"));
        StoredToken old = store().insert(token("alice", "used long ago"));
        StoredToken recent = store().insert(token("bob", "used recently"));
        StoredToken neverToo = store().insert(token("alice", "never used either"));
        store().recordUsage(List.of(new TokenUsage(old.publicId(), 1, T0.plusSeconds(10)),
                new TokenUsage(recent.publicId(), 1, T0.plusSeconds(20))));

        assertEquals(ids(recent, old, never, neverToo), ids(items(new TokenQuery(null, null, Sort.LAST_USED_DESC, 0, 10))));
        assertEquals(ids(never, neverToo, old, recent), ids(items(new TokenQuery(null, null, Sort.LAST_USED_ASC, 0, 10))));
        assertEquals(ids(old, neverToo, recent, never), ids(items(new TokenQuery(null, null, Sort.USER, 0, 10))));
        assertEquals(ids(never, old, recent, neverToo), ids(items(new TokenQuery(null, null, Sort.CREATED, 0, 10))));
        assertEquals(ids(old, never), ids(items(new TokenQuery(null, null, Sort.LAST_USED_DESC, 1, 2))));
        // pages that span, or lie wholly in, the part without a last use (read as a part of its own)
        assertEquals(ids(neverToo, old), ids(items(new TokenQuery(null, null, Sort.LAST_USED_ASC, 1, 2))));
        assertEquals(ids(neverToo), ids(items(new TokenQuery(null, null, Sort.LAST_USED_DESC, 3, 5))));
        assertEquals(ids(recent), ids(items(new TokenQuery(null, null, Sort.LAST_USED_ASC, 3, 5))));
        assertEquals(4, store().find(new TokenQuery(null, null, Sort.LAST_USED_ASC, 3, 5)).total());
        assertEquals(ids(old), ids(items(new TokenQuery("alice", null, Sort.LAST_USED_DESC, 0, 1))));
    }

    @Test
    default void filtersByCreatedExpiresAndLastUsedRangesByUseAndByExpiry() {
        Instant future = Instant.now().plus(Duration.ofDays(30));
        StoredToken old = store().insert(new NewToken(newId(), "alice", "old", "h", T0, T0.plus(Duration.ofDays(1))));
        StoredToken mid = store().insert(new NewToken(newId(), "bob", "mid", "h", T0.plusSeconds(3600), future));
        StoredToken fresh = store().insert(new NewToken(newId(), "alice", "fresh", "h", T0.plusSeconds(7200), null));
        store().recordUsage(List.of(new TokenUsage(old.publicId(), 1, T0.plusSeconds(10)),
                new TokenUsage(fresh.publicId(), 1, T0.plusSeconds(20))));
        TokenQuery all = TokenQuery.firstPage(10);

        assertEquals(ids(mid), ids(items(all.withCreated(range(T0.plusSeconds(3600), T0.plusSeconds(7200))))),
                "from inclusive, to exclusive");
        assertEquals(ids(mid, fresh), ids(items(all.withCreated(range(T0.plusSeconds(3600), null)))));
        assertEquals(ids(old), ids(items(all.withExpires(range(T0, T0.plus(Duration.ofDays(2)))))));
        assertEquals(ids(old, mid), ids(items(all.withExpires(range(null, future.plusSeconds(1))))),
                "a token without expiry is in no bounded expiry range");
        assertEquals(ids(fresh), ids(items(all.withLastUsed(range(T0.plusSeconds(15), null)))));
        assertEquals(ids(old), ids(items(all.withLastUsed(range(null, T0.plusSeconds(15))))),
                "a never-used token is in no bounded last-used range");
        assertEquals(ids(old, fresh), ids(items(all.withUsed(true))));
        assertEquals(ids(mid), ids(items(all.withUsed(false))));
        assertEquals(ids(old), ids(items(all.withExpired(true))));
        assertEquals(ids(mid, fresh), ids(items(all.withExpired(false))), "no expiry: never expired");
        TokenQuery usedUnexpired = new TokenQuery("alice", null, Sort.CREATED, 0, 10).withUsed(true).withExpired(false);
        assertEquals(ids(fresh), ids(items(usedUnexpired)));
        assertEquals(1, store().find(usedUnexpired).total());

        Page<StoredToken> second = store().find(new TokenQuery(null, null, Sort.CREATED, 1, 1).withCreated(range(T0, null)));
        assertEquals(3, second.total());
        assertEquals(ids(mid), ids(second.items()));
    }

    @Test
    default void filtersByScopeWithAScopelessOldRowAsWrite() throws SQLException {
        StoredToken read = store().insert(new NewToken(newId(), "alice", "reader", "h", T0, null, Set.of(TokenScope.READ),
                List.of(), List.of(), null));
        StoredToken write = store().insert(token("bob", "writer"));
        StoredToken old = store().insert(token("bob", "from before scopes"));
        database().execute("UPDATE " + database().quote(tokenTable()) + " SET " + database().quote("SCOPES") + " = NULL WHERE "
                + database().quote("PUBLIC_ID") + " = '" + old.publicId() + "'");
        TokenQuery all = TokenQuery.firstPage(10);

        assertEquals(ids(read), ids(items(all.withScope(TokenScope.READ))));
        assertEquals(ids(write, old), ids(items(all.withScope(TokenScope.WRITE))));
        assertEquals(1, store().find(all.withScope(TokenScope.WRITE).withCreated(range(T0, null)).withUsed(false)
                .withExpired(false).withLastUsed(TokenQuery.Range.ANY).withExpires(TokenQuery.Range.ANY)
                .withScope(TokenScope.READ)).total());
        assertEquals(ids(read, write, old), ids(items(all)));
    }

    @Test
    default void sortsByExpiryWithNeverExpiringTokensAsTheLatest() {
        StoredToken never = store().insert(new NewToken(newId(), "alice", "never", "h", T0, null));
        StoredToken late = store().insert(new NewToken(newId(), "alice", "late", "h", T0, T0.plusSeconds(200)));
        StoredToken soon = store().insert(new NewToken(newId(), "bob", "soon", "h", T0, T0.plusSeconds(100)));
        StoredToken neverToo = store().insert(new NewToken(newId(), "bob", "never too", "h", T0, null));

        assertEquals(ids(soon, late, never, neverToo), ids(items(new TokenQuery(null, null, Sort.EXPIRES_ASC, 0, 10))));
        assertEquals(ids(never, neverToo, late, soon), ids(items(new TokenQuery(null, null, Sort.EXPIRES_DESC, 0, 10))));
        assertEquals(ids(late, never), ids(items(new TokenQuery(null, null, Sort.EXPIRES_ASC, 1, 2))));
        assertEquals(ids(neverToo, late), ids(items(new TokenQuery(null, null, Sort.EXPIRES_DESC, 1, 2))));
        assertEquals(ids(soon), ids(items(new TokenQuery(null, null, Sort.EXPIRES_DESC, 3, 2))));
        assertEquals(List.of(), items(new TokenQuery(null, null, Sort.EXPIRES_DESC, 4, 2)));
    }

    @Test
    default void scansExpiringAndUnusedTokensAndOwnersPagedByStoreId() throws SQLException {
        StoredToken never = store().insert(new NewToken(newId(), "user-a", "never", "h", T0, null));
        StoredToken soon = store().insert(new NewToken(newId(), "user-b", "soon", "h", T0, T0.plusSeconds(10)));
        StoredToken later = store().insert(new NewToken(newId(), "user-a", "later", "h", T0, T0.plusSeconds(100)));
        StoredToken past = store().insert(new NewToken(newId(), "user-c", "past", "h", T0, T0.minusSeconds(5)));

        assertEquals(ids(soon, later), ids(store().findExpiring(T0, T0.plusSeconds(101), 0, 10)),
                "from inclusive, to exclusive, never-expiring ones left out");
        assertEquals(ids(soon, later, past), ids(store().findExpiring(null, T0.plusSeconds(101), 0, 10)));
        assertEquals(ids(soon, past), ids(store().findExpiring(null, T0.plusSeconds(100), 0, 10)));
        assertEquals(ids(soon), ids(store().findExpiring(null, T0.plusSeconds(101), 0, 1)), "first page");
        assertEquals(ids(later), ids(store().findExpiring(null, T0.plusSeconds(101), soon.storeId(), 1)), "next page");

        store().recordUsage(List.of(new TokenUsage(never.publicId(), 1, T0.plusSeconds(50)),
                new TokenUsage(later.publicId(), 1, T0.plusSeconds(200))));
        assertEquals(ids(never, soon, past), ids(store().findUnusedSince(T0.plusSeconds(60), 0, 10)),
                "used before, or never used and created before");
        assertEquals(ids(soon, past), ids(store().findUnusedSince(T0.plusSeconds(40), 0, 10)));
        assertEquals(List.of(), store().findUnusedSince(T0, 0, 10), "created at the cut-off: not before it");

        assertEquals(List.of("user-a", "user-b", "user-c"), store().findUserKeys(null, 10));
        assertEquals(List.of("user-a", "user-b"), store().findUserKeys(null, 2));
        assertEquals(List.of("user-c"), store().findUserKeys("user-b", 2));

        try (Connection connection = dataSource().getConnection()) {
            Set<String> indexed = new java.util.HashSet<>();
            try (ResultSet indexes = connection.getMetaData().getIndexInfo(connection.getCatalog(),
                    connection.getSchema(), tokenTable(), false, false)) {
                while (indexes.next()) {
                    indexed.add(indexes.getString("COLUMN_NAME"));
                }
            }
            assertTrue(indexed.containsAll(Set.of("EXPIRATION_DATE", "LAST_ACCESSED", "CREATED")),
                    "the scans' columns are indexed: " + indexed);
        }
    }
}
