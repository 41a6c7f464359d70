package dev.apitokens.store.ao;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import net.java.ao.DatabaseProvider;
import net.java.ao.EntityManager;
import net.java.ao.EntityManagerConfiguration;
import net.java.ao.RawEntity;
import net.java.ao.SchemaConfiguration;
import net.java.ao.atlassian.AtlassianFieldNameConverter;
import net.java.ao.atlassian.AtlassianIndexNameConverter;
import net.java.ao.atlassian.AtlassianSequenceNameConverter;
import net.java.ao.atlassian.AtlassianTableNameConverter;
import net.java.ao.atlassian.AtlassianTriggerNameConverter;
import net.java.ao.atlassian.AtlassianUniqueNameConverter;
import net.java.ao.schema.FieldNameConverter;
import net.java.ao.schema.IndexNameConverter;
import net.java.ao.schema.NameConverters;
import net.java.ao.schema.SequenceNameConverter;
import net.java.ao.schema.TableNameConverter;
import net.java.ao.schema.TriggerNameConverter;
import net.java.ao.schema.UniqueNameConverter;
import net.java.ao.schema.info.CachingEntityInfoResolverFactory;
import net.java.ao.schema.info.EntityInfoResolverFactory;

/**
 * The token table of one database, ready to use: Active Objects set up with Atlassian's naming (table
 * {@code AO_<hash>_TOKEN}, the revocation log {@code AO_<hash>_REVOCATION} and the rotated-away tokens
 * {@code AO_<hash>_ROTATED}, upper-case underscore columns), the
 * schema migrated, and the SQL names the store's
 * plain JDBC statements need, quoted the way this database wants them.
 */
final class TokenTable {

    private static final Pattern TABLE_PREFIX = Pattern.compile("AO_[0-9A-F]{6}");

    /** The column list of every plain-JDBC select, in the order {@link TokenRows} reads it. */
    static final String[] COLUMNS = {"ID", "PUBLIC_ID", "USER_KEY", "LABEL", "HASH", "CREATED", "LAST_ACCESSED",
            "USAGE_COUNT", "EXPIRATION_DATE", "SCOPES", "ALLOWED_PATHS", "ALLOWED_IPS", "CREATED_BY", "LAST_ADDRESSES"};

    final String name;
    final DataSource dataSource;
    final DatabaseDialect dialect;
    /** The database product and version, for the log. */
    final String product;
    final EntityManager entityManager;
    private final DatabaseProvider provider;
    /** The table as SQL names it, e.g. {@code public."AO_5D4005_TOKEN"} on PostgreSQL. */
    final String sqlTable;
    /** {@link #COLUMNS} as SQL names them, comma-separated. */
    final String sqlColumns;
    /** The revocation log ({@link RevocationEntity}) as SQL names it, e.g. {@code public."AO_5D4005_REVOCATION"}. */
    final String sqlRevocationTable;
    /** The rotated-away tokens ({@link RotatedTokenEntity}) as SQL names them. */
    final String sqlRotatedTable;

    private TokenTable(String tablePrefix, DataSource dataSource, DatabaseDialect dialect, String product,
            DatabaseProvider provider) {
        this.name = tableName(tablePrefix);
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.product = product;
        this.provider = provider;
        this.entityManager = new EntityManager(provider, configuration(tablePrefix));
        this.sqlTable = provider.withSchema(name);
        this.sqlColumns = Stream.of(COLUMNS).map(provider::processID).collect(Collectors.joining(", "));
        this.sqlRevocationTable = provider.withSchema(tablePrefix + "_REVOCATION");
        this.sqlRotatedTable = provider.withSchema(tablePrefix + "_ROTATED");
    }

    /** The table name for a prefix such as {@code AO_5D4005}: {@code AO_5D4005_TOKEN}. */
    static String tableName(String tablePrefix) {
        if (tablePrefix == null || !TABLE_PREFIX.matcher(tablePrefix).matches()) {
            throw new IllegalArgumentException("table prefix must look like AO_5D4005, not " + tablePrefix);
        }
        return tablePrefix + "_TOKEN";
    }

    /**
     * Connects, recognises the database and creates or upgrades the table with Active Objects' migration (which
     * only adds: tables, columns, indexes; it never drops anything).
     */
    static TokenTable open(String tablePrefix, DataSource dataSource, String configuredSchema) throws SQLException {
        return open(tablePrefix, dataSource, configuredSchema, TokenEntity.class);
    }

    /** As {@link #open(String, DataSource, String)}, migrating to another entity version (tests use an older one). */
    static TokenTable open(String tablePrefix, DataSource dataSource, String configuredSchema,
            Class<? extends RawEntity<?>> entity) throws SQLException {
        tableName(tablePrefix); // fail on a malformed prefix before connecting
        DatabaseDialect dialect;
        DatabaseDialect.SchemaScope scope;
        String product;
        try (Connection connection = dataSource.getConnection()) {
            dialect = DatabaseDialect.of(connection);
            scope = dialect.scope(connection, configuredSchema);
            product = connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion() + " ("
                    + (scope.catalog() != null ? "database " + scope.catalog() : "schema " + scope.schema()) + ")";
        }
        DatabaseProvider provider = dialect.provider(new SchemaScopedDataSource(dataSource, scope), scope);
        TokenTable table = new TokenTable(tablePrefix, dataSource, dialect, product, provider);
        table.entityManager.migrate(entity, RevocationEntity.class, RotatedTokenEntity.class);
        if (entity == TokenEntity.class) {
            try (Connection connection = dataSource.getConnection()) {
                SupersededIndexes.drop(connection, dialect, scope, provider, table.name);
            }
        }
        return table;
    }

    /** A column name as SQL must spell it here. */
    String column(String column) {
        return provider.processID(column);
    }

    void dispose() {
        provider.dispose();
    }

    /** Atlassian's naming for this prefix, managing only the tables under it; shared with {@link AuditLog}. */
    static EntityManagerConfiguration configuration(String tablePrefix) {
        NameConverters names = new AtlassianNames(new AtlassianTableNameConverter(s -> tablePrefix + "_" + s),
                new AtlassianFieldNameConverter(), new AtlassianSequenceNameConverter(),
                new AtlassianTriggerNameConverter(), new AtlassianIndexNameConverter(),
                new AtlassianUniqueNameConverter());
        String managedPrefix = tablePrefix + "_";
        // manage (read, migrate) only our own tables, never another plugin's or application's
        SchemaConfiguration ownTablesOnly = (table, caseSensitive) -> caseSensitive ? table.startsWith(managedPrefix)
                : table.toUpperCase(Locale.ROOT).startsWith(managedPrefix);
        EntityInfoResolverFactory entityInfo = new CachingEntityInfoResolverFactory();
        return new EntityManagerConfiguration() {
            @Override
            public boolean useWeakCache() {
                return false;
            }

            @Override
            public NameConverters getNameConverters() {
                return names;
            }

            @Override
            public SchemaConfiguration getSchemaConfiguration() {
                return ownTablesOnly;
            }

            @Override
            public EntityInfoResolverFactory getEntityInfoResolverFactory() {
                return entityInfo;
            }
        };
    }

    /**
     * Jira's naming rules. (Active Objects' own {@code SimpleNameConverters} would do, but it lives in its
     * {@code builder} package, which drags connection-pool integrations into the bundle's imports.)
     */
    private record AtlassianNames(TableNameConverter getTableNameConverter, FieldNameConverter getFieldNameConverter,
            SequenceNameConverter getSequenceNameConverter, TriggerNameConverter getTriggerNameConverter,
            IndexNameConverter getIndexNameConverter, UniqueNameConverter getUniqueNameConverter)
            implements NameConverters {
    }
}
