package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.api.AuditQuery;
import dev.apitokens.api.Page;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.java.ao.DBParam;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The audit table on every database: stored as given, listed newest first with filters and pages, pruned by age. */
class AuditLogTest {

    private static final String PREFIX = "AO_0A0D17";

    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"H2_MEMORY", "POSTGRESQL", "MARIADB"})
    void eventsAreListedNewestFirstFilteredPagedAndPruned(TestDatabase database) throws Exception {
        DataSource dataSource = database.dataSource();
        database.dropTable(PREFIX + "_AUDIT");
        try (AuditLog log = AuditLog.open(PREFIX, dataSource, "")) {
            assertEquals(PREFIX + "_AUDIT", log.tableName());
            log.append(new AuditRecord(0, 1_000, "TOKEN_CREATED", "key-alice", "key-alice", "tokenAAAAAAAAAA1",
                    "Jenkins"));
            log.append(new AuditRecord(0, 2_000, "TOKEN_CREATED", "key-admin", "key-bob", "tokenBBBBBBBBBB1", "CI"));
            log.append(new AuditRecord(0, 3_000, "TOKEN_REVOKED_BY_ADMIN", null, "key-bob", "tokenBBBBBBBBBB1",
                    null));
            log.append(new AuditRecord(0, 3_000, "TOKEN_REVOKED", "key-alice", "key-alice", "tokenAAAAAAAAAA1",
                    "x".repeat(300)));

            Page<AuditRecord> all = log.find(new AuditQuery(null, null, null, null, 0, 10));
            assertEquals(4, all.total());
            assertEquals(List.of("TOKEN_REVOKED", "TOKEN_REVOKED_BY_ADMIN", "TOKEN_CREATED", "TOKEN_CREATED"),
                    all.items().stream().map(AuditRecord::type).toList(), "newest first, same millisecond by id");
            AuditRecord byAdmin = all.items().get(1);
            assertEquals(3_000, byAdmin.created());
            assertEquals(null, byAdmin.actor());
            assertEquals("key-bob", byAdmin.userKey());
            assertEquals("tokenBBBBBBBBBB1", byAdmin.tokenId());
            assertEquals(AuditRecord.MAX_DETAIL, all.items().get(0).detail().length(), "a long detail is cut");
            AuditRecord created = all.items().get(2);
            assertEquals(new AuditRecord(created.id(), 2_000, "TOKEN_CREATED", "key-admin", "key-bob",
                    "tokenBBBBBBBBBB1", "CI"), created);

            assertEquals(List.of(3_000L, 2_000L), log.find(new AuditQuery("key-bob", null, null, null, 0, 10)).items()
                    .stream().map(AuditRecord::created).toList());
            assertEquals(2, log.find(new AuditQuery(null, "TOKEN_CREATED", null, null, 0, 10)).total());
            Page<AuditRecord> window = log.find(new AuditQuery(null, null, 2_000L, 3_000L, 0, 10));
            assertEquals(List.of("key-bob"), window.items().stream().map(AuditRecord::userKey).toList(),
                    "from inclusive, to exclusive");
            Page<AuditRecord> second = log.find(new AuditQuery(null, null, null, null, 2, 1));
            assertEquals(4, second.total());
            assertEquals(List.of(2_000L), second.items().stream().map(AuditRecord::created).toList());
            assertEquals(List.of(), log.find(new AuditQuery(null, null, null, null, 10, 5)).items());

            assertEquals(2, log.deleteOlderThan(3_000));
            assertEquals(2, log.find(new AuditQuery(null, null, null, null, 0, 10)).total());
        }
        // a second node (or a restart) opens the existing table and sees the same rows
        try (AuditLog again = AuditLog.open(PREFIX, dataSource, "")) {
            assertEquals(2, again.find(new AuditQuery(null, null, null, null, 0, 10)).total());
        }
    }

    /**
     * A table made before the composite indexes gets them when the audit log opens it (Active Objects' migration),
     * loses the single-column TYPE and USER_KEY indexes and keeps its rows; then a user's and a type's events list
     * newest first.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(names = {"H2_MEMORY", "POSTGRESQL", "MARIADB"})
    void anEarlierTableGetsTheCompositeIndexes(TestDatabase database) throws Exception {
        DataSource dataSource = database.dataSource();
        database.dropTable(PREFIX + "_AUDIT");
        TokenTable released = TokenTable.open(PREFIX, dataSource, "", ReleasedAuditEntity.class);
        try {
            for (long created : List.of(1_000L, 2_000L)) {
                released.entityManager.create(ReleasedAuditEntity.class, new DBParam("CREATED", created),
                        new DBParam("TYPE", "TOKEN_CREATED"), new DBParam("USER_KEY", "key-alice"));
            }
        } finally {
            released.dispose();
        }
        try (Connection connection = dataSource.getConnection()) {
            assertTrue(!indexes(connection).containsValue(List.of("TYPE", "CREATED")), "no composite index yet");
        }

        try (AuditLog log = AuditLog.open(PREFIX, dataSource, "")) {
            try (Connection connection = dataSource.getConnection()) {
                Map<String, List<String>> indexes = indexes(connection);
                assertTrue(indexes.containsValue(List.of("TYPE", "CREATED")), "indexes: " + indexes);
                assertTrue(indexes.containsValue(List.of("USER_KEY", "CREATED")), "indexes: " + indexes);
                assertTrue(!indexes.containsValue(List.of("TYPE")) && !indexes.containsValue(List.of("USER_KEY")),
                        "the single-column indexes the databases preferred are gone: " + indexes);
            }
            assertEquals(List.of(2_000L, 1_000L), log.find(new AuditQuery("key-alice", "TOKEN_CREATED", null, null, 0,
                    10)).items().stream().map(AuditRecord::created).toList());
        }
    }

    /** The audit table's indexes: name to its columns in order, upper case. */
    private static Map<String, List<String>> indexes(Connection connection) throws Exception {
        Map<String, List<String>> indexes = new HashMap<>();
        for (String table : List.of(PREFIX + "_AUDIT", (PREFIX + "_AUDIT").toLowerCase(Locale.ROOT))) {
            try (ResultSet rows = connection.getMetaData().getIndexInfo(connection.getCatalog(), connection.getSchema(),
                    table, false, false)) {
                while (rows.next()) {
                    if (rows.getString("INDEX_NAME") != null && rows.getString("COLUMN_NAME") != null) {
                        List<String> columns = indexes.computeIfAbsent(rows.getString("INDEX_NAME"),
                                name -> new ArrayList<>());
                        int position = rows.getInt("ORDINAL_POSITION");
                        while (columns.size() < position) {
                            columns.add(null);
                        }
                        columns.set(position - 1, rows.getString("COLUMN_NAME").replace("\"", "")
                                .toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        return indexes;
    }
}
