package dev.apitokens.store.ao;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Named leases in {@code AO_<hash>_LEASE} ({@link LeaseEntity}), beside the token table in the database every node
 * shares: how the nodes of a cluster agree, without a protocol of their own, on which one runs the scheduled jobs.
 *
 * <p>Taking a lease is one atomic {@code UPDATE ... WHERE NAME = ? AND (EXPIRES_AT < now OR HOLDER = me)}: the
 * database's row lock makes exactly one of several nodes that try at once succeed. The row is created on first
 * use (its {@code NAME} is unique, so of two nodes creating it one wins). A holder keeps the lease by renewing it
 * before it expires; if it dies, another node takes it once it has expired. Times come from the callers' clocks
 * (epoch milliseconds), so the nodes' clocks must roughly agree: a skew shortens or lengthens a handover by as much.
 *
 * <p>Failures are translated as the store's are ({@link StoreFailures}): {@code TokenStoreUnavailableException} when
 * the database is away.
 */
public final class ClusterLease implements AutoCloseable {

    private final OwnTables tables;
    private final String tableName;
    private final String sqlTable;

    private ClusterLease(OwnTables tables, String tableName) {
        this.tables = tables;
        this.tableName = tableName;
        this.sqlTable = tables.table(tableName);
    }

    /**
     * Connects and creates or upgrades {@code <tablePrefix>_LEASE}.
     *
     * @param tablePrefix {@code AO_} and six upper-case hex digits, as the token store's
     * @param schema the schema on H2 and PostgreSQL, empty for the connection's current one
     */
    public static ClusterLease open(String tablePrefix, DataSource dataSource, String schema) {
        try {
            return new ClusterLease(OwnTables.open(tablePrefix, dataSource, schema, LeaseEntity.class),
                    tablePrefix + "_LEASE");
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("set up table " + tablePrefix + "_LEASE", e);
        }
    }

    /** The table's name, e.g. {@code AO_5D4005_LEASE}. */
    public String tableName() {
        return tableName;
    }

    /**
     * Takes or renews the lease {@code name} for {@code holder} until {@code untilMillis}, if it is free (expired
     * before {@code nowMillis}) or already {@code holder}'s.
     *
     * @return whether {@code holder} holds it now
     */
    public boolean acquire(String name, String holder, long nowMillis, long untilMillis) {
        return take(name, holder, nowMillis, untilMillis, true);
    }

    /**
     * Takes the lease {@code name} until {@code untilMillis} only if it has expired, whoever held it, also when
     * {@code holder} did: for work due once per period in the cluster (take it for the period; whoever succeeds
     * does the work).
     *
     * @return whether {@code holder} took it
     */
    public boolean claimIfDue(String name, String holder, long nowMillis, long untilMillis) {
        return take(name, holder, nowMillis, untilMillis, false);
    }

    /** Gives the lease up if {@code holder} holds it, so that another node can take it at once. */
    public void release(String name, String holder) {
        String sql = "UPDATE " + sqlTable + " SET " + column("EXPIRES_AT") + " = 0 WHERE " + column("NAME")
                + " = ? AND " + column("HOLDER") + " = ?";
        try (Connection connection = tables.dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, name);
            update.setString(2, holder);
            update.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("release lease " + name, e);
        }
    }

    /** Who holds the lease and until when, or {@code null} if nobody ever took it. */
    public Holder holder(String name) {
        String sql = "SELECT " + column("HOLDER") + ", " + column("EXPIRES_AT") + " FROM " + sqlTable + " WHERE "
                + column("NAME") + " = ?";
        try (Connection connection = tables.dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Holder(row.getString(1), row.getLong(2)) : null;
            }
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("read lease " + name, e);
        }
    }

    /** A lease's holder and the epoch milliseconds its hold ends. */
    public record Holder(String holder, long expiresAt) {
    }

    /** Releases Active Objects' resources; the data source stays open. */
    @Override
    public void close() {
        tables.dispose();
    }

    private boolean take(String name, String holder, long nowMillis, long untilMillis, boolean renewable) {
        String update = "UPDATE " + sqlTable + " SET " + column("HOLDER") + " = ?, " + column("EXPIRES_AT")
                + " = ? WHERE " + column("NAME") + " = ? AND (" + column("EXPIRES_AT") + " < ?"
                + (renewable ? " OR " + column("HOLDER") + " = ?)" : ")");
        try (Connection connection = tables.dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(update)) {
                statement.setString(1, holder);
                statement.setLong(2, untilMillis);
                statement.setString(3, name);
                statement.setLong(4, nowMillis);
                if (renewable) {
                    statement.setString(5, holder);
                }
                if (statement.executeUpdate() == 1) {
                    return true;
                }
            }
            return !exists(connection, name) && create(connection, name, holder, untilMillis);
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("take lease " + name, e);
        }
    }

    private boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM " + sqlTable + " WHERE " + column("NAME") + " = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1) > 0;
            }
        }
    }

    /** Creates the row held by {@code holder}; {@code false} if another node created it first. */
    private boolean create(Connection connection, String name, String holder, long untilMillis) throws SQLException {
        String insert = "INSERT INTO " + sqlTable + " (" + column("NAME") + ", " + column("HOLDER") + ", "
                + column("EXPIRES_AT") + ") VALUES (?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, name);
            statement.setString(2, holder);
            statement.setLong(3, untilMillis);
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            if (OwnTables.isConstraintViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private String column(String name) {
        return tables.column(name);
    }
}
