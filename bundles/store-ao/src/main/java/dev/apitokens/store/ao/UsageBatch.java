package dev.apitokens.store.ao;

import dev.apitokens.api.UsedAddress;
import dev.apitokens.spi.TokenUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


/**
 * Writes summed token uses with one atomic statement per token,
 * {@code UPDATE ... SET USAGE_COUNT = USAGE_COUNT + ?, LAST_ACCESSED = <the later of old and new>}, sent as JDBC
 * batches in a single transaction: all of a flush is recorded or none of it, and the database does the
 * arithmetic, so concurrent flushes from several cluster nodes never lose a use.
 *
 * <p>Uses with client addresses also merge them into {@code LAST_ADDRESSES}: those rows are read first with
 * {@code SELECT ... FOR UPDATE} (one statement per batch of ids), so a concurrent flush of the same token on
 * another node waits instead of overwriting the merge.
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
        String set = "UPDATE " + table.sqlTable + " SET " + count + " = " + count + " + ?, " + last + " = CASE WHEN "
                + last + " IS NULL OR " + last + " < ? THEN ? ELSE " + last + " END";
        String where = " WHERE " + table.column("PUBLIC_ID") + " = ?";
        List<TokenUsage> withAddresses = byId.values().stream().filter(u -> !u.addresses().isEmpty()).toList();
        try (Connection connection = table.dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(set + where);
                    PreparedStatement withAddress = connection.prepareStatement(
                            set + ", " + table.column("LAST_ADDRESSES") + " = ?" + where)) {
                Map<String, List<UsedAddress>> stored = lockAddresses(connection, withAddresses);
                int pending = 0;
                int pendingWithAddress = 0;
                for (TokenUsage usage : byId.values()) {
                    long millis = usage.lastAccessed().toEpochMilli();
                    boolean addresses = !usage.addresses().isEmpty();
                    PreparedStatement statement = addresses ? withAddress : update;
                    statement.setLong(1, usage.count());
                    statement.setLong(2, millis);
                    statement.setLong(3, millis);
                    if (addresses) {
                        statement.setString(4, TokenRows.addressesColumn(UsedAddress.merge(
                                stored.getOrDefault(usage.publicId(), List.of()), usage.addresses())));
                        statement.setString(5, usage.publicId());
                    } else {
                        statement.setString(4, usage.publicId());
                    }
                    statement.addBatch();
                    if (addresses ? ++pendingWithAddress == batchSize : ++pending == batchSize) {
                        statement.executeBatch();
                        if (addresses) {
                            pendingWithAddress = 0;
                        } else {
                            pending = 0;
                        }
                    }
                }
                if (pending > 0) {
                    update.executeBatch();
                }
                if (pendingWithAddress > 0) {
                    withAddress.executeBatch();
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

    /** Reads and locks the stored addresses of these tokens' rows, in batches of ids in public-id order. */
    private Map<String, List<UsedAddress>> lockAddresses(Connection connection, List<TokenUsage> usages)
            throws SQLException {
        Map<String, List<UsedAddress>> stored = new HashMap<>();
        for (int from = 0; from < usages.size(); from += batchSize) {
            List<TokenUsage> chunk = usages.subList(from, Math.min(usages.size(), from + batchSize));
            String sql = "SELECT " + table.column("PUBLIC_ID") + ", " + table.column("LAST_ADDRESSES") + " FROM "
                    + table.sqlTable + " WHERE " + table.column("PUBLIC_ID") + " IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ") ORDER BY "
                    + table.column("PUBLIC_ID") + " FOR UPDATE";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    select.setString(i + 1, chunk.get(i).publicId());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        stored.put(rows.getString(1), TokenRows.addresses(rows.getString(2)));
                    }
                }
            }
        }
        return stored;
    }

    private static TokenUsage sum(TokenUsage a, TokenUsage b) {
        Instant later = a.lastAccessed().isAfter(b.lastAccessed()) ? a.lastAccessed() : b.lastAccessed();
        return new TokenUsage(a.publicId(), a.count() + b.count(), later, UsedAddress.merge(a.addresses(),
                b.addresses()));
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
