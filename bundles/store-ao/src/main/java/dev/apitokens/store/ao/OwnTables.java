package dev.apitokens.store.ao;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import net.java.ao.DatabaseProvider;
import net.java.ao.EntityManager;
import net.java.ao.RawEntity;

/**
 * Active Objects set up on one database for tables under a prefix (Atlassian's naming, as {@link TokenTable}), the
 * given entities migrated; for the small tables beside the token table ({@link ClusterLease}, {@link SentNotices}).
 */
final class OwnTables {

    final DataSource dataSource;
    final DatabaseProvider provider;
    final EntityManager entityManager;

    private OwnTables(DataSource dataSource, DatabaseProvider provider, EntityManager entityManager) {
        this.dataSource = dataSource;
        this.provider = provider;
        this.entityManager = entityManager;
    }

    @SafeVarargs
    static OwnTables open(String tablePrefix, DataSource dataSource, String schema,
            Class<? extends RawEntity<?>>... entities) throws SQLException {
        TokenTable.tableName(tablePrefix); // fail on a malformed prefix before connecting
        DatabaseDialect dialect;
        DatabaseDialect.SchemaScope scope;
        try (Connection connection = dataSource.getConnection()) {
            dialect = DatabaseDialect.of(connection);
            scope = dialect.scope(connection, schema);
        }
        DatabaseProvider provider = dialect.provider(new SchemaScopedDataSource(dataSource, scope), scope);
        EntityManager entityManager = new EntityManager(provider, TokenTable.configuration(tablePrefix));
        try {
            entityManager.migrate(entities);
        } catch (SQLException | RuntimeException e) {
            provider.dispose();
            throw e;
        }
        return new OwnTables(dataSource, provider, entityManager);
    }

    /** A table name as SQL must spell it here, schema included. */
    String table(String name) {
        return provider.withSchema(name);
    }

    /** A column name as SQL must spell it here. */
    String column(String name) {
        return provider.processID(name);
    }

    /** Whether a failure is a unique-key (or other integrity) violation: SQL state class 23. */
    static boolean isConstraintViolation(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    void dispose() {
        provider.dispose();
    }
}
