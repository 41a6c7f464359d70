package dev.apitokens.store.ao;

import dev.apitokens.spi.TokenUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;


/**
 * Writes summed token uses with one atomic statement per token,
 * {@code UPDATE ... SET USAGE_COUNT = USAGE_COUNT + ?, LAST_ACCESSED = <the later of old and new>}, sent as JDBC
 * batches in a single transaction: all of a flush is recorded or none of it, and the database does the
 * arithmetic, so concurrent flushes from several cluster nodes never lose a use.
 */
final class UsageBatch {

    private final TokenTable table;
    private final int batchSize;

    UsageBatch(TokenTable table, int batchSize) {
        this.table = table;
        this.batchSize = batchSize;
    }

    void write(Collection<TokenUsage> usages) throws SQLException {
        // Updating rows in one global order (by public id) keeps two nodes' flushes from deadlocking each other.
        Map<String, TokenUsage> byId = new TreeMap<>();
        for (TokenUsage usage : usages) {
            byId.merge(usage.publicId(), usage, UsageBatch::sum);
        }
        String count = table.column("USAGE_COUNT");
        String last = table.column("LAST_ACCESSED");
        String sql = "UPDATE " + table.sqlTable + " SET " + count + " = " + count + " + ?, " + last + " = CASE WHEN "
                + last + " IS NULL OR " + last + " < ? THEN ? ELSE " + last + " END WHERE "
                + table.column("PUBLIC_ID") + " = ?";
        try (Connection connection = table.dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                int pending = 0;
                for (TokenUsage usage : byId.values()) {
                    long millis = usage.lastAccessed().toEpochMilli();
                    update.setLong(1, usage.count());
                    update.setLong(2, millis);
                    update.setLong(3, millis);
                    update.setString(4, usage.publicId());
                    update.addBatch();
                    if (++pending == batchSize) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    update.executeBatch();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                restoreAutoCommit(connection, autoCommit);
            }
        }
    }

    private static TokenUsage sum(TokenUsage a, TokenUsage b) {
        Instant later = a.lastAccessed().isAfter(b.lastAccessed()) ? a.lastAccessed() : b.lastAccessed();
        return new TokenUsage(a.publicId(), a.count() + b.count(), later);
    }

    private static void rollbackQuietly(Connection connection, Exception failure) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException | RuntimeException e) {
            // the connection is broken; the pool will discard it
        }
    }
}
