package dev.apitokens.store.ao;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The notices already sent, in {@code AO_<hash>_NOTICE} ({@link NoticeEntity}), beside the token table: a notice is
 * sent only by the node whose {@link #claim} of its key succeeded, so it goes out once even when several nodes
 * (or several runs) consider it. Keys never hold a secret. Failures are translated as the store's are
 * ({@link StoreFailures}).
 */
public final class SentNotices implements AutoCloseable {

    /** Longest key accepted (the column is a {@code VARCHAR(255)}). */
    public static final int MAX_KEY = 255;

    private final OwnTables tables;
    private final String tableName;
    private final String sqlTable;

    private SentNotices(OwnTables tables, String tableName) {
        this.tables = tables;
        this.tableName = tableName;
        this.sqlTable = tables.table(tableName);
    }

    /**
     * Connects and creates or upgrades {@code <tablePrefix>_NOTICE}.
     *
     * @param tablePrefix {@code AO_} and six upper-case hex digits, as the token store's
     * @param schema the schema on H2 and PostgreSQL, empty for the connection's current one
     */
    public static SentNotices open(String tablePrefix, DataSource dataSource, String schema) {
        try {
            return new SentNotices(OwnTables.open(tablePrefix, dataSource, schema, NoticeEntity.class),
                    tablePrefix + "_NOTICE");
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("set up table " + tablePrefix + "_NOTICE", e);
        }
    }

    /** The table's name, e.g. {@code AO_5D4005_NOTICE}. */
    public String tableName() {
        return tableName;
    }

    /**
     * Records that the notice {@code key} is being sent: one {@code INSERT} into the unique key.
     *
     * @return {@code true} if the caller is the first and must send it; {@code false} if it was claimed before
     * @throws IllegalArgumentException for a key longer than {@value #MAX_KEY} characters
     */
    public boolean claim(String key, long nowMillis) {
        if (key.length() > MAX_KEY) {
            throw new IllegalArgumentException("notice key longer than " + MAX_KEY + " characters");
        }
        String sql = "INSERT INTO " + sqlTable + " (" + tables.column("NOTICE_KEY") + ", " + tables.column("CREATED")
                + ") VALUES (?, ?)";
        try (Connection connection = tables.dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, key);
            insert.setLong(2, nowMillis);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            if (OwnTables.isConstraintViolation(e)) {
                return false;
            }
            throw StoreFailures.translate("record notice " + key, e);
        } catch (RuntimeException e) {
            throw StoreFailures.translate("record notice " + key, e);
        }
    }

    /** Forgets a claim (its sending failed), so that a later run tries again. */
    public void unclaim(String key) {
        String sql = "DELETE FROM " + sqlTable + " WHERE " + tables.column("NOTICE_KEY") + " = ?";
        try (Connection connection = tables.dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, key);
            delete.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("forget notice " + key, e);
        }
    }

    /** Deletes the records made before {@code cutoffMillis}; returns how many. */
    public int deleteOlderThan(long cutoffMillis) {
        String sql = "DELETE FROM " + sqlTable + " WHERE " + tables.column("CREATED") + " < ?";
        try (Connection connection = tables.dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setLong(1, cutoffMillis);
            return delete.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("prune the sent notices", e);
        }
    }

    /** Releases Active Objects' resources; the data source stays open. */
    @Override
    public void close() {
        tables.dispose();
    }
}
