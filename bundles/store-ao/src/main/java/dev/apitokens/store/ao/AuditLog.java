package dev.apitokens.store.ao;

import dev.apitokens.api.AuditQuery;
import dev.apitokens.api.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import net.java.ao.DBParam;
import net.java.ao.DatabaseProvider;
import net.java.ao.EntityManager;

/**
 * The audit trail's table {@code AO_<hash>_AUDIT} ({@link AuditEntity}) in the host's database, beside the token
 * table: Active Objects creates and upgrades it and inserts rows; the paged listing and the retention delete are
 * plain JDBC (one statement each, {@code LIMIT ? OFFSET ?} as on the token listing; a page read from an index in
 * order, plus a count of all matches). Failures are translated as
 * the store's are ({@link StoreFailures}): {@code TokenStoreUnavailableException} when the database is away.
 */
public final class AuditLog implements AutoCloseable {

    private static final String[] COLUMNS = {"ID", "CREATED", "TYPE", "ACTOR", "USER_KEY", "TOKEN_ID", "DETAIL"};

    private final DataSource dataSource;
    private final DatabaseProvider provider;
    private final EntityManager entityManager;
    private final String sqlTable;
    private final String sqlColumns;
    private final String tableName;

    private AuditLog(String tablePrefix, DataSource dataSource, DatabaseProvider provider) {
        this.dataSource = dataSource;
        this.provider = provider;
        this.entityManager = new EntityManager(provider, TokenTable.configuration(tablePrefix));
        this.tableName = tablePrefix + "_AUDIT";
        this.sqlTable = provider.withSchema(tableName);
        this.sqlColumns = String.join(", ", java.util.Arrays.stream(COLUMNS).map(provider::processID).toList());
    }

    /**
     * Connects, recognises the database and creates or upgrades {@code <tablePrefix>_AUDIT}.
     *
     * @param tablePrefix {@code AO_} and six upper-case hex digits, as the token store's
     * @param schema the schema on H2 and PostgreSQL, empty for the connection's current one
     */
    public static AuditLog open(String tablePrefix, DataSource dataSource, String schema) {
        TokenTable.tableName(tablePrefix); // fail on a malformed prefix before connecting
        try {
            DatabaseDialect dialect;
            DatabaseDialect.SchemaScope scope;
            try (Connection connection = dataSource.getConnection()) {
                dialect = DatabaseDialect.of(connection);
                scope = dialect.scope(connection, schema);
            }
            DatabaseProvider provider = dialect.provider(new SchemaScopedDataSource(dataSource, scope), scope);
            AuditLog log = new AuditLog(tablePrefix, dataSource, provider);
            log.entityManager.migrate(AuditEntity.class);
            return log;
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("set up table " + tablePrefix + "_AUDIT", e);
        }
    }

    /** The table's name, e.g. {@code AO_5D4005_AUDIT}. */
    public String tableName() {
        return tableName;
    }

    /** Stores one event; its id is ignored. */
    public void append(AuditRecord event) {
        String detail = event.detail();
        if (detail != null && detail.length() > AuditRecord.MAX_DETAIL) {
            detail = detail.substring(0, AuditRecord.MAX_DETAIL);
        }
        try {
            entityManager.create(AuditEntity.class, new DBParam("CREATED", event.created()),
                    new DBParam("TYPE", event.type()), new DBParam("ACTOR", event.actor()),
                    new DBParam("USER_KEY", event.userKey()), new DBParam("TOKEN_ID", event.tokenId()),
                    new DBParam("DETAIL", detail));
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("store audit event " + event.type(), e);
        }
    }

    /** One page of the matching events, newest first (ties by id, newest first), with the count of all matches. */
    public Page<AuditRecord> find(AuditQuery query) {
        StringBuilder where = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        condition(where, parameters, "USER_KEY", " = ?", query.userKey());
        condition(where, parameters, "TYPE", " = ?", query.type());
        condition(where, parameters, "CREATED", " >= ?", query.from());
        condition(where, parameters, "CREATED", " < ?", query.to());
        String count = "SELECT COUNT(*) FROM " + sqlTable + where;
        // the column of an equality filter first in the order changes nothing in the result, but lets H2 read the
        // composite index (USER_KEY or TYPE, CREATED) in order instead of sorting every match (PostgreSQL does
        // either way)
        String leading = query.userKey() != null ? column("USER_KEY") + " DESC, "
                : query.type() != null ? column("TYPE") + " DESC, " : "";
        String select = "SELECT " + sqlColumns + " FROM " + sqlTable + where + " ORDER BY " + leading
                + column("CREATED") + " DESC, " + column("ID") + " DESC LIMIT ? OFFSET ?";
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement statement = connection.prepareStatement(count)) {
                bind(statement, parameters);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    total = rows.getLong(1);
                }
            }
            List<AuditRecord> items = new ArrayList<>();
            if (query.offset() < total) {
                try (PreparedStatement statement = connection.prepareStatement(select)) {
                    int next = bind(statement, parameters);
                    statement.setInt(next, query.limit());
                    statement.setInt(next + 1, query.offset());
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            items.add(new AuditRecord(rows.getLong(1), rows.getLong(2), rows.getString(3),
                                    rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)));
                        }
                    }
                }
            }
            return new Page<>(items, total, query.offset(), query.limit());
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("list audit events", e);
        }
    }

    /** Deletes the events before {@code cutoffMillis} (retention); returns how many. */
    public int deleteOlderThan(long cutoffMillis) {
        String sql = "DELETE FROM " + sqlTable + " WHERE " + column("CREATED") + " < ?";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setLong(1, cutoffMillis);
            return delete.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("prune the audit trail", e);
        }
    }

    /** Releases Active Objects' resources; the data source stays open. */
    @Override
    public void close() {
        provider.dispose();
    }

    private String column(String name) {
        return provider.processID(name);
    }

    private void condition(StringBuilder where, List<Object> parameters, String column, String test, Object value) {
        if (value != null) {
            where.append(where.length() == 0 ? " WHERE " : " AND ").append(column(column)).append(test);
            parameters.add(value);
        }
    }

    private static int bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        int index = 1;
        for (Object parameter : parameters) {
            statement.setObject(index++, parameter);
        }
        return index;
    }
}
