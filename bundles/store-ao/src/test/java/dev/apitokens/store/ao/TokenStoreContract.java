package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.Page;
import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenScope;
import dev.apitokens.api.UsedAddress;
import dev.apitokens.spi.NewToken;
import dev.apitokens.spi.RotatedToken;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenUsage;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.apitokens.api.TokenQuery.Sort;
import net.java.ao.DBParam;

/**
 * The contract every token store must meet, run once per {@link TestDatabase}. A store bundle's test extends it
 * and says which store to build and which table it must write.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
public abstract class TokenStoreContract {

    /** (database, table) pairs dropped in this run: every run starts from an empty database. */
    private static final Set<String> DROPPED = ConcurrentHashMap.newKeySet();
    private static final Instant T0 = Instant.parse("2024-06-03T17:13:59.304Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    @Parameter
    TestDatabase database;

    protected ActiveObjectsTokenStore store;
    private DataSource dataSource;

    /** The table the store must write, e.g. {@code AO_5D4005_TOKEN}. */
    protected abstract String table();

    /** A new store on this data source, as the store bundle's DS component builds it. */
    protected abstract ActiveObjectsTokenStore newStore(DataSource dataSource, ActiveObjectsTokenStore.Config config);

    @BeforeEach
    void emptyStore() throws SQLException {
        dataSource = database.dataSource();
        if (DROPPED.add(database + "/" + table())) {
            database.dropTable(table());
        }
        store = newStore(dataSource, StoreConfigs.defaults());
        database.execute("DELETE FROM " + database.quote(table()));
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void writesTheAtlassianTableWithUpperCaseColumnsAndIndexes() throws SQLException {
        assertEquals(table(), store.tableName());
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            try (ResultSet tables = metaData.getTables(connection.getCatalog(), connection.getSchema(), table(), null)) {
                assertTrue(tables.next(), "table " + table() + " exists under exactly that name");
                assertEquals(table(), tables.getString("TABLE_NAME"));
            }
            Map<String, Integer> columns = columns(connection);
            assertEquals(Set.of("ID", "USER_KEY", "LABEL", "PUBLIC_ID", "HASH", "CREATED", "LAST_ACCESSED",
                    "USAGE_COUNT", "EXPIRATION_DATE", "SCOPES", "ALLOWED_PATHS", "ALLOWED_IPS", "CREATED_BY",
                    "LAST_ADDRESSES"), columns.keySet());
            assertEquals(Types.BIGINT, columns.get("CREATED"), "times are epoch milliseconds");
            Map<String, Boolean> uniqueIndexOn = new HashMap<>();
            try (ResultSet indexes = metaData.getIndexInfo(connection.getCatalog(), connection.getSchema(), table(),
                    false, false)) {
                while (indexes.next()) {
                    String column = indexes.getString("COLUMN_NAME");
                    if (column != null) {
                        uniqueIndexOn.merge(column, !indexes.getBoolean("NON_UNIQUE"), Boolean::logicalOr);
                    }
                }
            }
            assertEquals(Boolean.TRUE, uniqueIndexOn.get("PUBLIC_ID"), "unique index on PUBLIC_ID: " + uniqueIndexOn);
            assertTrue(uniqueIndexOn.containsKey("USER_KEY"), "index on USER_KEY: " + uniqueIndexOn);
        }
    }

    @Test
    void keepsScopeRestrictionsAndCreator() {
        NewToken token = new NewToken(newId(), "bob", "read-only CI", "$hmac-sha256$v=1$x", T0, null,
                Set.of(TokenScope.READ), List.of("/rest/api/2/issue", "/rest/api/2/search"),
                List.of("10.0.0.0/8", "2001:db8::/32"), "admin");
        StoredToken inserted = store.insert(token);
        StoredToken byId = store.findByPublicId(token.publicId()).orElseThrow();
        StoredToken byUser = store.findByUser("bob").get(0);
        StoredToken listed = store.find(TokenQuery.firstPage(10)).items().get(0);
        for (StoredToken read : List.of(inserted, byId, byUser, listed)) {
            assertEquals(Set.of(TokenScope.READ), read.scopes());
            assertEquals(List.of("/rest/api/2/issue", "/rest/api/2/search"), read.allowedPaths());
            assertEquals(List.of("10.0.0.0/8", "2001:db8::/32"), read.allowedIps());
            assertEquals("admin", read.createdBy());
            assertEquals(List.of(), read.lastAddresses());
        }
        StoredToken plain = store.insert(token("bob", "plain"));
        StoredToken read = store.findByPublicId(plain.publicId()).orElseThrow();
        assertEquals(List.of(Set.of(TokenScope.WRITE), List.of(), List.of(), List.of()),
                List.of(read.scopes(), read.allowedPaths(), read.allowedIps(), read.lastAddresses()));
        assertEquals(null, read.createdBy());
    }

    @Test
    void renames() {
        StoredToken a = store.insert(token("alice", "old name"));
        assertTrue(store.rename(a.publicId(), "new name"));
        assertEquals("new name", store.findByPublicId(a.publicId()).orElseThrow().label());
        assertFalse(store.rename("no-such-token", "x"));
    }

    @Test
    void rotatesInPlaceAndRemembersTheOldSecret() {
        NewToken token = new NewToken(newId(), "bob", "CI", "$h$old", T0, T0.plusSeconds(3600),
                Set.of(TokenScope.READ), List.of("/rest"), List.of("10.0.0.0/8"), "admin");
        StoredToken old = store.insert(token);
        store.recordUsage(List.of(new TokenUsage(old.publicId(), 3, T0.plusSeconds(5),
                List.of(new UsedAddress("10.0.0.1", T0.plusSeconds(5))))));
        String newId = newId();
        Instant at = T0.plusSeconds(60);

        assertEquals(Optional.empty(), store.rotate(old.publicId(), "$h$wrong", newId, "$h$new", at));
        StoredToken rotated = store.rotate(old.publicId(), "$h$old", newId, "$h$new", at).orElseThrow();

        assertEquals(List.of(old.storeId(), newId, "bob", "CI", "$h$new", at, 0L),
                List.of(rotated.storeId(), rotated.publicId(), rotated.userKey(), rotated.label(), rotated.hash(),
                        rotated.createdAt(), rotated.usageCount()));
        assertEquals(List.of(T0.plusSeconds(3600), Set.of(TokenScope.READ), List.of("/rest"), List.of("10.0.0.0/8"),
                "admin", List.of()), List.of(rotated.expiresAt(), rotated.scopes(), rotated.allowedPaths(),
                        rotated.allowedIps(), rotated.createdBy(), rotated.lastAddresses()));
        assertEquals(null, rotated.lastAccessed());
        assertEquals(Optional.empty(), store.findByPublicId(old.publicId()));
        assertEquals(rotated, store.findByPublicId(newId).orElseThrow());
        RotatedToken record = store.findRotated(old.publicId()).orElseThrow();
        assertEquals(List.of(old.publicId(), "$h$old", newId, "bob", at), List.of(record.publicId(), record.hash(),
                record.successorId(), record.userKey(), record.rotatedAt()));
        assertEquals(Optional.empty(), store.findRotated(newId));
        assertEquals(Optional.empty(), store.rotate(old.publicId(), "$h$old", newId(), "$h$again", at),
                "a rotated-away id cannot be rotated again");

        assertEquals(1, store.deleteRotated(List.of(old.publicId(), "never-rotated")));
        assertEquals(Optional.empty(), store.findRotated(old.publicId()));
    }

    @Test
    void keepsTheLastFiveDistinctAddressesWithTheUsageCount() {
        StoredToken a = store.insert(token("alice", "a"));
        StoredToken b = store.insert(token("alice", "b"));
        List<UsedAddress> first = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            first.add(new UsedAddress("10.0.0." + i, T0.plusSeconds(i)));
        }
        Collections.reverse(first);
        store.recordUsage(List.of(new TokenUsage(a.publicId(), 4, T0.plusSeconds(4), first),
                new TokenUsage(b.publicId(), 1, T0)));
        store.recordUsage(List.of(new TokenUsage(a.publicId(), 2, T0.plusSeconds(20),
                List.of(new UsedAddress("2001:db8::1", T0.plusSeconds(20)), new UsedAddress("10.0.0.2",
                        T0.plusSeconds(10)), new UsedAddress("10.0.0.9", T0.plusSeconds(9))))));
        StoredToken read = store.findByPublicId(a.publicId()).orElseThrow();
        assertEquals(6, read.usageCount());
        assertEquals(List.of(new UsedAddress("2001:db8::1", T0.plusSeconds(20)),
                new UsedAddress("10.0.0.2", T0.plusSeconds(10)), new UsedAddress("10.0.0.9", T0.plusSeconds(9)),
                new UsedAddress("10.0.0.4", T0.plusSeconds(4)), new UsedAddress("10.0.0.3", T0.plusSeconds(3))),
                read.lastAddresses());
        assertEquals(read.lastAddresses(), store.find(TokenQuery.firstPage(10)).items().get(0).lastAddresses());
        assertEquals(List.of(), store.findByPublicId(b.publicId()).orElseThrow().lastAddresses());
    }

    @Test
    void insertsAndFindsByPublicId() {
        NewToken token = new NewToken(newId(), "user-1", "Jenkins", "$hmac-sha256$v=1$c2FsdA$aGFzaA", T0,
                T0.plusSeconds(86_400));
        StoredToken stored = store.insert(token);
        assertTrue(stored.storeId() > 0);

        StoredToken found = store.findByPublicId(token.publicId()).orElseThrow();
        assertEquals(stored, found);
        assertEquals(new StoredToken(stored.storeId(), token.publicId(), "user-1", "Jenkins", token.hash(), T0, null, 0,
                T0.plusSeconds(86_400)), found);
        assertEquals(Optional.empty(), store.findByPublicId("no-such-token"));
    }

    @Test
    void keepsTokensWithoutExpiryAndGivesEachItsOwnId() {
        StoredToken first = store.insert(token("user-1", "first"));
        StoredToken second = store.insert(token("user-1", "second"));
        assertNotEquals(first.storeId(), second.storeId());
        assertEquals(null, store.findByPublicId(second.publicId()).orElseThrow().expiresAt());
    }

    @Test
    void rejectsADuplicatePublicIdAndKeepsTheFirstToken() {
        NewToken token = token("user-1", "original");
        store.insert(token);
        NewToken clash = new NewToken(token.publicId(), "user-2", "clash", "other-hash", T0, null);
        assertThrows(IllegalArgumentException.class, () -> store.insert(clash));
        assertEquals("user-1", store.findByPublicId(token.publicId()).orElseThrow().userKey());
        assertEquals(1, store.find(TokenQuery.firstPage(10)).total());
    }

    @Test
    void listsAUsersTokensOldestFirst() {
        StoredToken a = store.insert(token("alice", "one"));
        store.insert(token("bob", "other"));
        StoredToken b = store.insert(token("alice", "two"));
        StoredToken c = store.insert(token("alice", "three"));
        assertEquals(List.of(a, b, c), store.findByUser("alice"));
        assertEquals(List.of(), store.findByUser("nobody"));
    }

    @Test
    void pagesThroughEverybodysTokensWithATotal() {
        List<StoredToken> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(store.insert(token("user-" + (i % 3), "token " + i)));
        }
        TokenQuery firstQuery = TokenQuery.firstPage(3);
        Page<StoredToken> first = store.find(firstQuery);
        assertEquals(all.subList(0, 3), first.items());
        assertEquals(7, first.total());
        assertTrue(first.hasMore());
        assertEquals(all.subList(3, 6), store.find(firstQuery.nextPage()).items());
        Page<StoredToken> third = store.find(firstQuery.nextPage().nextPage());
        assertEquals(all.subList(6, 7), third.items());
        assertFalse(third.hasMore());
        assertEquals(List.of(), store.find(new TokenQuery(null, null, Sort.CREATED, 30, 3)).items());
    }

    @Test
    void filtersByUserAndLabelIgnoringCaseAndTakingWildcardsLiterally() {
        StoredToken jenkins = store.insert(token("alice", "Jenkins CI"));
        StoredToken script = store.insert(token("alice", "python script"));
        StoredToken bobJenkins = store.insert(token("bob", "old JENKINS"));
        StoredToken percent = store.insert(token("bob", "100% done_now"));

        assertEquals(List.of(jenkins, script), items(new TokenQuery("alice", null, Sort.CREATED, 0, 10)));
        assertEquals(List.of(jenkins, bobJenkins), items(new TokenQuery(null, "jenKins", Sort.CREATED, 0, 10)));
        assertEquals(List.of(bobJenkins), items(new TokenQuery("bob", "jenkins", Sort.CREATED, 0, 10)));
        assertEquals(List.of(percent), items(new TokenQuery(null, "0% D", Sort.CREATED, 0, 10)));
        assertEquals(List.of(percent), items(new TokenQuery(null, "e_n", Sort.CREATED, 0, 10)));
        assertEquals(List.of(percent), items(new TokenQuery(null, "%", Sort.CREATED, 0, 10)));
        assertEquals(1, store.find(new TokenQuery("bob", "jenkins", Sort.CREATED, 0, 10)).total());
    }

    @Test
    void sortsByLastUseByUserAndByCreation() {
        StoredToken never = store.insert(token("carol", "never used"));
        StoredToken old = store.insert(token("alice", "used long ago"));
        StoredToken recent = store.insert(token("bob", "used recently"));
        StoredToken neverToo = store.insert(token("alice", "never used either"));
        store.recordUsage(List.of(new TokenUsage(old.publicId(), 1, T0.plusSeconds(10)),
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
        assertEquals(4, store.find(new TokenQuery(null, null, Sort.LAST_USED_ASC, 3, 5)).total());
        assertEquals(ids(old), ids(items(new TokenQuery("alice", null, Sort.LAST_USED_DESC, 0, 1))));
    }

    @Test
    void filtersByCreatedExpiresAndLastUsedRangesByUseAndByExpiry() {
        Instant future = Instant.now().plus(Duration.ofDays(30));
        StoredToken old = store.insert(new NewToken(newId(), "alice", "old", "h", T0, T0.plus(Duration.ofDays(1))));
        StoredToken mid = store.insert(new NewToken(newId(), "bob", "mid", "h", T0.plusSeconds(3600), future));
        StoredToken fresh = store.insert(new NewToken(newId(), "alice", "fresh", "h", T0.plusSeconds(7200), null));
        store.recordUsage(List.of(new TokenUsage(old.publicId(), 1, T0.plusSeconds(10)),
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
        assertEquals(1, store.find(usedUnexpired).total());

        Page<StoredToken> second = store.find(new TokenQuery(null, null, Sort.CREATED, 1, 1).withCreated(range(T0, null)));
        assertEquals(3, second.total());
        assertEquals(ids(mid), ids(second.items()));
    }

    @Test
    void filtersByScopeWithAScopelessOldRowAsWrite() throws SQLException {
        StoredToken read = store.insert(new NewToken(newId(), "alice", "reader", "h", T0, null, Set.of(TokenScope.READ),
                List.of(), List.of(), null));
        StoredToken write = store.insert(token("bob", "writer"));
        StoredToken old = store.insert(token("bob", "from before scopes"));
        database.execute("UPDATE " + database.quote(table()) + " SET " + database.quote("SCOPES") + " = NULL WHERE "
                + database.quote("PUBLIC_ID") + " = '" + old.publicId() + "'");
        TokenQuery all = TokenQuery.firstPage(10);

        assertEquals(ids(read), ids(items(all.withScope(TokenScope.READ))));
        assertEquals(ids(write, old), ids(items(all.withScope(TokenScope.WRITE))));
        assertEquals(1, store.find(all.withScope(TokenScope.WRITE).withCreated(range(T0, null)).withUsed(false)
                .withExpired(false).withLastUsed(TokenQuery.Range.ANY).withExpires(TokenQuery.Range.ANY)
                .withScope(TokenScope.READ)).total());
        assertEquals(ids(read, write, old), ids(items(all)));
    }

    @Test
    void sortsByExpiryWithNeverExpiringTokensAsTheLatest() {
        StoredToken never = store.insert(new NewToken(newId(), "alice", "never", "h", T0, null));
        StoredToken late = store.insert(new NewToken(newId(), "alice", "late", "h", T0, T0.plusSeconds(200)));
        StoredToken soon = store.insert(new NewToken(newId(), "bob", "soon", "h", T0, T0.plusSeconds(100)));
        StoredToken neverToo = store.insert(new NewToken(newId(), "bob", "never too", "h", T0, null));

        assertEquals(ids(soon, late, never, neverToo), ids(items(new TokenQuery(null, null, Sort.EXPIRES_ASC, 0, 10))));
        assertEquals(ids(never, neverToo, late, soon), ids(items(new TokenQuery(null, null, Sort.EXPIRES_DESC, 0, 10))));
        assertEquals(ids(late, never), ids(items(new TokenQuery(null, null, Sort.EXPIRES_ASC, 1, 2))));
        assertEquals(ids(neverToo, late), ids(items(new TokenQuery(null, null, Sort.EXPIRES_DESC, 1, 2))));
        assertEquals(ids(soon), ids(items(new TokenQuery(null, null, Sort.EXPIRES_DESC, 3, 2))));
        assertEquals(List.of(), items(new TokenQuery(null, null, Sort.EXPIRES_DESC, 4, 2)));
    }

    @Test
    void indexesEveryColumnTheListingFiltersBy() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertTrue(indexedColumns(connection).containsAll(INDEXED),
                    "indexed: " + indexedColumns(connection));
        }
    }

    @Test
    void deletesOneToken() {
        StoredToken kept = store.insert(token("alice", "kept"));
        StoredToken gone = store.insert(token("alice", "gone"));
        assertTrue(store.delete(gone.publicId()));
        assertFalse(store.delete(gone.publicId()));
        assertEquals(Optional.empty(), store.findByPublicId(gone.publicId()));
        assertEquals(List.of(kept), store.findByUser("alice"));
    }

    @Test
    void deletesAllOfOneUsersTokensOnly() {
        store.insert(token("alice", "a1"));
        store.insert(token("alice", "a2"));
        StoredToken bobs = store.insert(token("bob", "b1"));
        assertEquals(2, store.deleteByUser("alice"));
        assertEquals(0, store.deleteByUser("alice"));
        assertEquals(List.of(), store.findByUser("alice"));
        assertEquals(List.of(bobs), store.findByUser("bob"));
    }

    @Test
    void recordsUsageAddingCountsAndKeepingTheLatestTime() {
        StoredToken a = store.insert(token("alice", "a"));
        StoredToken b = store.insert(token("alice", "b"));
        store.recordUsage(List.of(new TokenUsage(a.publicId(), 3, T0.plusSeconds(100)),
                new TokenUsage(a.publicId(), 2, T0.plusSeconds(50)), new TokenUsage("deleted-meanwhile", 5, T0)));
        store.recordUsage(List.of(new TokenUsage(a.publicId(), 1, T0.plusSeconds(70)),
                new TokenUsage(b.publicId(), 4, T0.plusMillis(1))));
        store.recordUsage(List.of());

        StoredToken usedA = store.findByPublicId(a.publicId()).orElseThrow();
        assertEquals(6, usedA.usageCount());
        assertEquals(T0.plusSeconds(100), usedA.lastAccessed(), "an older use never moves last-accessed back");
        StoredToken usedB = store.findByPublicId(b.publicId()).orElseThrow();
        assertEquals(4, usedB.usageCount());
        assertEquals(T0.plusMillis(1), usedB.lastAccessed());
    }

    @Test
    void concurrentUsageFlushesLoseNoIncrement() throws Exception {
        StoredToken a = store.insert(token("alice", "busy a"));
        StoredToken b = store.insert(token("bob", "busy b"));
        int threads = 6;
        int flushes = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int node = thread;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < flushes; i++) {
                        // opposite orders on alternate "nodes", as two cluster nodes would send them
                        List<TokenUsage> flush = new ArrayList<>(List.of(new TokenUsage(a.publicId(), 1,
                                T0.plusMillis(node * 1000L + i)), new TokenUsage(b.publicId(), 2, T0.plusMillis(i))));
                        if (node % 2 == 1) {
                            Collections.reverse(flush);
                        }
                        store.recordUsage(flush);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * flushes, store.findByPublicId(a.publicId()).orElseThrow().usageCount());
        assertEquals(2L * threads * flushes, store.findByPublicId(b.publicId()).orElseThrow().usageCount());
        assertEquals(T0.plusMillis((threads - 1) * 1000L + flushes - 1),
                store.findByPublicId(a.publicId()).orElseThrow().lastAccessed());
    }

    @Test
    void aFailingUsageFlushWritesNothing() {
        ActiveObjectsTokenStore oneByOne = newStore(dataSource, StoreConfigs.with(Map.of("usageBatchSize", 1)));
        try {
            StoredToken a = store.insert(token("alice", "a"));
            StoredToken b = store.insert(token("alice", "b"));
            oneByOne.recordUsage(List.of(new TokenUsage(b.publicId(), 1, T0)));
            // b's counter overflows BIGINT in the second batch; a's update in the first must be rolled back
            assertThrows(RuntimeException.class, () -> oneByOne.recordUsage(List.of(
                    new TokenUsage(a.publicId(), 5, T0), new TokenUsage(b.publicId(), Long.MAX_VALUE, T0))));
            assertEquals(0, store.findByPublicId(a.publicId()).orElseThrow().usageCount());
            assertEquals(1, store.findByPublicId(b.publicId()).orElseThrow().usageCount());
        } finally {
            oneByOne.close();
        }
    }

    @Test
    void replacesAHashOnlyIfItIsStillTheExpectedOne() {
        StoredToken a = store.insert(token("alice", "a"));
        assertTrue(store.replaceHash(a.publicId(), a.hash(), "$argon2id$new"));
        assertFalse(store.replaceHash(a.publicId(), a.hash(), "$argon2id$lost-race"));
        assertEquals("$argon2id$new", store.findByPublicId(a.publicId()).orElseThrow().hash());
        assertFalse(store.replaceHash("no-such-token", "x", "y"));
    }

    @Test
    void scansExpiringAndUnusedTokensAndOwnersPagedByStoreId() throws SQLException {
        StoredToken never = store.insert(new NewToken(newId(), "user-a", "never", "h", T0, null));
        StoredToken soon = store.insert(new NewToken(newId(), "user-b", "soon", "h", T0, T0.plusSeconds(10)));
        StoredToken later = store.insert(new NewToken(newId(), "user-a", "later", "h", T0, T0.plusSeconds(100)));
        StoredToken past = store.insert(new NewToken(newId(), "user-c", "past", "h", T0, T0.minusSeconds(5)));

        assertEquals(ids(soon, later), ids(store.findExpiring(T0, T0.plusSeconds(101), 0, 10)),
                "from inclusive, to exclusive, never-expiring ones left out");
        assertEquals(ids(soon, later, past), ids(store.findExpiring(null, T0.plusSeconds(101), 0, 10)));
        assertEquals(ids(soon, past), ids(store.findExpiring(null, T0.plusSeconds(100), 0, 10)));
        assertEquals(ids(soon), ids(store.findExpiring(null, T0.plusSeconds(101), 0, 1)), "first page");
        assertEquals(ids(later), ids(store.findExpiring(null, T0.plusSeconds(101), soon.storeId(), 1)), "next page");

        store.recordUsage(List.of(new TokenUsage(never.publicId(), 1, T0.plusSeconds(50)),
                new TokenUsage(later.publicId(), 1, T0.plusSeconds(200))));
        assertEquals(ids(never, soon, past), ids(store.findUnusedSince(T0.plusSeconds(60), 0, 10)),
                "used before, or never used and created before");
        assertEquals(ids(soon, past), ids(store.findUnusedSince(T0.plusSeconds(40), 0, 10)));
        assertEquals(List.of(), store.findUnusedSince(T0, 0, 10), "created at the cut-off: not before it");

        assertEquals(List.of("user-a", "user-b", "user-c"), store.findUserKeys(null, 10));
        assertEquals(List.of("user-a", "user-b"), store.findUserKeys(null, 2));
        assertEquals(List.of("user-c"), store.findUserKeys("user-b", 2));

        try (Connection connection = dataSource.getConnection()) {
            Set<String> indexed = new java.util.HashSet<>();
            try (ResultSet indexes = connection.getMetaData().getIndexInfo(connection.getCatalog(),
                    connection.getSchema(), table(), false, false)) {
                while (indexes.next()) {
                    indexed.add(indexes.getString("COLUMN_NAME"));
                }
            }
            assertTrue(indexed.containsAll(Set.of("EXPIRATION_DATE", "LAST_ACCESSED", "CREATED")),
                    "the scans' columns are indexed: " + indexed);
        }
    }

    @Test
    void upgradesATableMadeByAnOlderVersionWithoutLosingTokens() throws SQLException {
        store.close();
        database.dropTable(table());
        String prefix = table().substring(0, table().length() - "_TOKEN".length());
        TokenTable legacy = TokenTable.open(prefix, dataSource, "", LegacyTokenEntity.class);
        List<String> ids = List.of(newId(), newId());
        try {
            for (String id : ids) {
                legacy.entityManager.create(LegacyTokenEntity.class, new DBParam("PUBLIC_ID", id),
                        new DBParam("USER_KEY", "alice"), new DBParam("LABEL", "from v1"),
                        new DBParam("HASH", "$v1$" + id), new DBParam("CREATED",
                                T0.toEpochMilli()));
            }
        } finally {
            legacy.dispose();
        }
        try (Connection connection = dataSource.getConnection()) {
            assertFalse(columns(connection).containsKey("EXPIRATION_DATE"));
        }

        store = newStore(dataSource, StoreConfigs.defaults());

        try (Connection connection = dataSource.getConnection()) {
            assertTrue(columns(connection).keySet().containsAll(Set.of("EXPIRATION_DATE", "USAGE_COUNT")));
            assertTrue(indexedColumns(connection).containsAll(INDEXED),
                    "the migration adds the indexes to the existing table: " + indexedColumns(connection));
        }
        for (String id : ids) {
            StoredToken kept = store.findByPublicId(id).orElseThrow();
            assertEquals(List.of("alice", "from v1", "$v1$" + id, T0, 0L),
                    List.of(kept.userKey(), kept.label(), kept.hash(), kept.createdAt(), kept.usageCount()));
            assertEquals(null, kept.expiresAt());
        }
        store.recordUsage(List.of(new TokenUsage(ids.get(0), 2, T0)));
        assertEquals(2, store.findByPublicId(ids.get(0)).orElseThrow().usageCount());
        NewToken expiring = new NewToken(newId(), "alice", "from v2", "h", T0, T0.plusSeconds(60));
        store.insert(expiring);
        assertEquals(T0.plusSeconds(60), store.findByPublicId(expiring.publicId()).orElseThrow().expiresAt());
    }

    @Test
    void upgradesATableOfRelease11ToScopesAndRestrictions() throws SQLException {
        store.close();
        database.dropTable(table());
        String prefix = table().substring(0, table().length() - "_TOKEN".length());
        TokenTable released = TokenTable.open(prefix, dataSource, "", ReleasedTokenEntity.class);
        String id = newId();
        try {
            released.entityManager.create(ReleasedTokenEntity.class, new DBParam("PUBLIC_ID", id),
                    new DBParam("USER_KEY", "alice"), new DBParam("LABEL", "from 1.1"), new DBParam("HASH", "$h$" + id),
                    new DBParam("CREATED", T0.toEpochMilli()), new DBParam("USAGE_COUNT", 7L),
                    new DBParam("EXPIRATION_DATE", T0.plusSeconds(3600).toEpochMilli()));
        } finally {
            released.dispose();
        }
        try (Connection connection = dataSource.getConnection()) {
            assertFalse(columns(connection).containsKey("SCOPES"));
        }

        store = newStore(dataSource, StoreConfigs.defaults());

        try (Connection connection = dataSource.getConnection()) {
            assertTrue(columns(connection).keySet().containsAll(
                    Set.of("SCOPES", "ALLOWED_PATHS", "ALLOWED_IPS", "CREATED_BY", "LAST_ADDRESSES")));
        }
        StoredToken kept = store.findByPublicId(id).orElseThrow();
        assertEquals(List.of("alice", "from 1.1", "$h$" + id, T0, 7L, T0.plusSeconds(3600)), List.of(kept.userKey(),
                kept.label(), kept.hash(), kept.createdAt(), kept.usageCount(), kept.expiresAt()));
        assertEquals(List.of(Set.of(TokenScope.WRITE), List.of(), List.of(), List.of()),
                List.of(kept.scopes(), kept.allowedPaths(), kept.allowedIps(), kept.lastAddresses()));
        assertEquals(null, kept.createdBy());
        assertEquals(kept.scopes(), store.find(TokenQuery.firstPage(10)).items().get(0).scopes());
        NewToken restricted = new NewToken(newId(), "alice", "after upgrade", "h", T0, null, Set.of(TokenScope.READ),
                List.of("/rest"), List.of("::1"), "admin");
        store.insert(restricted);
        StoredToken read = store.findByPublicId(restricted.publicId()).orElseThrow();
        assertEquals(List.of(Set.of(TokenScope.READ), List.of("/rest"), List.of("::1")),
                List.of(read.scopes(), read.allowedPaths(), read.allowedIps()));
    }

    private Map<String, Integer> columns(Connection connection) throws SQLException {
        Map<String, Integer> columns = new HashMap<>();
        try (ResultSet rs = connection.getMetaData().getColumns(connection.getCatalog(), connection.getSchema(), table(),
                null)) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
            }
        }
        return columns;
    }

    /** Columns the admin listing filters by; each needs an index (besides the unique public id). */
    private static final Set<String> INDEXED = Set.of("USER_KEY", "CREATED", "LAST_ACCESSED", "EXPIRATION_DATE",
            "SCOPES");

    private Set<String> indexedColumns(Connection connection) throws SQLException {
        Set<String> indexed = new HashSet<>();
        try (ResultSet rs = connection.getMetaData().getIndexInfo(connection.getCatalog(), connection.getSchema(),
                table(), false, false)) {
            while (rs.next()) {
                if (rs.getString("COLUMN_NAME") != null) {
                    indexed.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return indexed;
    }

    private static TokenQuery.Range range(Instant from, Instant to) {
        return new TokenQuery.Range(from, to);
    }

    private List<StoredToken> items(TokenQuery query) {
        Page<StoredToken> page = store.find(query);
        assertEquals(query.offset(), page.offset());
        return page.items();
    }

    private static List<Long> ids(StoredToken... tokens) {
        return Arrays.stream(tokens).map(StoredToken::storeId).toList();
    }

    private static List<Long> ids(List<StoredToken> tokens) {
        return tokens.stream().map(StoredToken::storeId).toList();
    }

    private static NewToken token(String userKey, String label) {
        return new NewToken(newId(), userKey, label, "$hmac-sha256$v=1$" + label.hashCode(),
                T0.plusMillis(IDS.get()), null);
    }

    private static String newId() {
        return "tid" + Integer.toString(IDS.incrementAndGet(), 36) + Long.toString(System.nanoTime(), 36);
    }
}
