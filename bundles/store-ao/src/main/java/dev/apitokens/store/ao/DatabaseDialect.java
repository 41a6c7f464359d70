package dev.apitokens.store.ao;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;

import net.java.ao.DatabaseProvider;
import net.java.ao.DisposableDataSource;
import net.java.ao.db.H2DatabaseProvider;
import net.java.ao.db.MySQLDatabaseProvider;
import net.java.ao.db.PostgreSQLDatabaseProvider;

/**
 * The databases the store runs on, recognised from JDBC metadata (the store gets a bare {@code DataSource}, never
 * a URL), each with its Active Objects provider and the namespace its table lives in.
 */
enum DatabaseDialect {

    H2 {
        @Override
        DatabaseProvider provider(DisposableDataSource dataSource, SchemaScope scope) {
            return new H2DatabaseProvider(dataSource, scope.schema());
        }

        @Override
        SchemaScope scope(Connection connection, String configuredSchema) throws SQLException {
            return new SchemaScope(null, orDefault(configuredSchema, connection.getSchema(), "PUBLIC"));
        }
    },

    POSTGRESQL {
        @Override
        DatabaseProvider provider(DisposableDataSource dataSource, SchemaScope scope) {
            return new PostgreSQLDatabaseProvider(dataSource, scope.schema());
        }

        @Override
        SchemaScope scope(Connection connection, String configuredSchema) throws SQLException {
            return new SchemaScope(null, orDefault(configuredSchema, connection.getSchema(), "public"));
        }
    },

    /**
     * MySQL and MariaDB (through either the MariaDB or the MySQL driver). Active Objects' MySQL provider takes no
     * schema: its SQL names tables unqualified, i.e. in the connection's database, and the metadata it reads is
     * scoped to that database (the catalog) by {@link SchemaScopedDataSource}.
     */
    MYSQL {
        @Override
        DatabaseProvider provider(DisposableDataSource dataSource, SchemaScope scope) {
            return new MySQLDatabaseProvider(dataSource);
        }

        @Override
        SchemaScope scope(Connection connection, String configuredSchema) throws SQLException {
            String database = connection.getCatalog();
            if (database == null || database.isBlank()) {
                throw new SQLException("The MySQL/MariaDB connection names no database: put one in the JDBC URL",
                        "3D000");
            }
            return new SchemaScope(database, null);
        }
    };

    /** The provider Active Objects uses for this database. */
    abstract DatabaseProvider provider(DisposableDataSource dataSource, SchemaScope scope);

    /** Where the table lives: the configured schema if any, else the connection's current one. */
    abstract SchemaScope scope(Connection connection, String configuredSchema) throws SQLException;

    /** Recognises the database behind a connection. */
    static DatabaseDialect of(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String product = metaData.getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.startsWith("h2")) {
            return H2;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return MYSQL;
        }
        throw new SQLFeatureNotSupportedException("The token store supports H2, PostgreSQL, MySQL and MariaDB, not "
                + metaData.getDatabaseProductName());
    }

    private static String orDefault(String configured, String current, String fallback) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        return current == null || current.isBlank() ? fallback : current;
    }

    /**
     * The namespace of the store's table: a catalog (MySQL/MariaDB databases) or a schema (H2, PostgreSQL).
     * Exactly one of the two is set.
     */
    record SchemaScope(String catalog, String schema) {
    }
}
