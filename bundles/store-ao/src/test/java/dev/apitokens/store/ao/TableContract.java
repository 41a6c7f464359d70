package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.apitokens.store.ao.ContractTokens.T0;
import static dev.apitokens.store.ao.ContractTokens.newId;

import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenScope;
import dev.apitokens.spi.NewToken;
import dev.apitokens.spi.StoredToken;
import dev.apitokens.spi.TokenUsage;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import net.java.ao.DBParam;

/**
 * The table part of the token store contract: the Atlassian table, columns and indexes, and upgrades of tables
 * made by older versions without losing tokens.
 * Run through {@link TokenStoreContract}, once per {@link TestDatabase}.
 */
public interface TableContract extends TokenStoreFixture {

    /** Columns the admin listing filters by; each needs an index (besides the unique public id). */
    Set<String> INDEXED = Set.of("USER_KEY", "CREATED", "LAST_ACCESSED", "EXPIRATION_DATE", "SCOPES");

    @Test
    default void writesTheAtlassianTableWithUpperCaseColumnsAndIndexes() throws SQLException {
        assertEquals(tokenTable(), store().tableName());
        try (Connection connection = dataSource().getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            try (ResultSet tables = metaData.getTables(connection.getCatalog(), connection.getSchema(), tokenTable(), null)) {
                assertTrue(tables.next(), "table " + tokenTable() + " exists under exactly that name");
                assertEquals(tokenTable(), tables.getString("TABLE_NAME"));
            }
            Map<String, Integer> columns = columns(connection);
            assertEquals(Set.of("ID", "USER_KEY", "LABEL", "PUBLIC_ID", "HASH", "CREATED", "LAST_ACCESSED",
                    "USAGE_COUNT", "EXPIRATION_DATE", "SCOPES", "ALLOWED_PATHS", "ALLOWED_IPS", "CREATED_BY",
                    "LAST_ADDRESSES"), columns.keySet());
            assertEquals(Types.BIGINT, columns.get("CREATED"), "times are epoch milliseconds");
            Map<String, Boolean> uniqueIndexOn = new HashMap<>();
            try (ResultSet indexes = metaData.getIndexInfo(connection.getCatalog(), connection.getSchema(), tokenTable(),
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
    default void indexesEveryColumnTheListingFiltersBy() throws SQLException {
        try (Connection connection = dataSource().getConnection()) {
            assertTrue(indexedColumns(connection).containsAll(INDEXED),
                    "indexed: " + indexedColumns(connection));
        }
    }

    @Test
    default void upgradesATableMadeByAnOlderVersionWithoutLosingTokens() throws SQLException {
        store().close();
        database().dropTable(tokenTable());
        String prefix = tokenTable().substring(0, tokenTable().length() - "_TOKEN".length());
        TokenTable legacy = TokenTable.open(prefix, dataSource(), "", LegacyTokenEntity.class);
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
        try (Connection connection = dataSource().getConnection()) {
            assertFalse(columns(connection).containsKey("EXPIRATION_DATE"));
        }

        reopenStore();

        try (Connection connection = dataSource().getConnection()) {
            assertTrue(columns(connection).keySet().containsAll(Set.of("EXPIRATION_DATE", "USAGE_COUNT")));
            assertTrue(indexedColumns(connection).containsAll(INDEXED),
                    "the migration adds the indexes to the existing table: " + indexedColumns(connection));
        }
        for (String id : ids) {
            StoredToken kept = store().findByPublicId(id).orElseThrow();
            assertEquals(List.of("alice", "from v1", "$v1$" + id, T0, 0L),
                    List.of(kept.userKey(), kept.label(), kept.hash(), kept.createdAt(), kept.usageCount()));
            assertEquals(null, kept.expiresAt());
        }
        store().recordUsage(List.of(new TokenUsage(ids.get(0), 2, T0)));
        assertEquals(2, store().findByPublicId(ids.get(0)).orElseThrow().usageCount());
        NewToken expiring = new NewToken(newId(), "alice", "from v2", "h", T0, T0.plusSeconds(60));
        store().insert(expiring);
        assertEquals(T0.plusSeconds(60), store().findByPublicId(expiring.publicId()).orElseThrow().expiresAt());
    }

    @Test
    default void upgradesATableOfRelease11ToScopesAndRestrictions() throws SQLException {
        store().close();
        database().dropTable(tokenTable());
        String prefix = tokenTable().substring(0, tokenTable().length() - "_TOKEN".length());
        TokenTable released = TokenTable.open(prefix, dataSource(), "", ReleasedTokenEntity.class);
        String id = newId();
        try {
            released.entityManager.create(ReleasedTokenEntity.class, new DBParam("PUBLIC_ID", id),
                    new DBParam("USER_KEY", "alice"), new DBParam("LABEL", "from 1.1"), new DBParam("HASH", "$h$" + id),
                    new DBParam("CREATED", T0.toEpochMilli()), new DBParam("USAGE_COUNT", 7L),
                    new DBParam("EXPIRATION_DATE", T0.plusSeconds(3600).toEpochMilli()));
        } finally {
            released.dispose();
        }
        try (Connection connection = dataSource().getConnection()) {
            assertFalse(columns(connection).containsKey("SCOPES"));
        }

        reopenStore();

        try (Connection connection = dataSource().getConnection()) {
            assertTrue(columns(connection).keySet().containsAll(
                    Set.of("SCOPES", "ALLOWED_PATHS", "ALLOWED_IPS", "CREATED_BY", "LAST_ADDRESSES")));
        }
        StoredToken kept = store().findByPublicId(id).orElseThrow();
        assertEquals(List.of("alice", "from 1.1", "$h$" + id, T0, 7L, T0.plusSeconds(3600)), List.of(kept.userKey(),
                kept.label(), kept.hash(), kept.createdAt(), kept.usageCount(), kept.expiresAt()));
        assertEquals(List.of(Set.of(TokenScope.WRITE), List.of(), List.of(), List.of()),
                List.of(kept.scopes(), kept.allowedPaths(), kept.allowedIps(), kept.lastAddresses()));
        assertEquals(null, kept.createdBy());
        assertEquals(kept.scopes(), store().find(TokenQuery.firstPage(10)).items().get(0).scopes());
        NewToken restricted = new NewToken(newId(), "alice", "after upgrade", "h", T0, null, Set.of(TokenScope.READ),
                List.of("/rest"), List.of("::1"), "admin");
        store().insert(restricted);
        StoredToken read = store().findByPublicId(restricted.publicId()).orElseThrow();
        assertEquals(List.of(Set.of(TokenScope.READ), List.of("/rest"), List.of("::1")),
                List.of(read.scopes(), read.allowedPaths(), read.allowedIps()));
    }

    private Map<String, Integer> columns(Connection connection) throws SQLException {
        Map<String, Integer> columns = new HashMap<>();
        try (ResultSet rs = connection.getMetaData().getColumns(connection.getCatalog(), connection.getSchema(),
                tokenTable(), null)) {
            while (rs.next()) {
                columns.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
            }
        }
        return columns;
    }

    private Set<String> indexedColumns(Connection connection) throws SQLException {
        Set<String> indexed = new HashSet<>();
        try (ResultSet rs = connection.getMetaData().getIndexInfo(connection.getCatalog(), connection.getSchema(),
                tokenTable(), false, false)) {
            while (rs.next()) {
                if (rs.getString("COLUMN_NAME") != null) {
                    indexed.add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        return indexed;
    }
}
