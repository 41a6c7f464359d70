package dev.apitokens.store.ao;

import dev.apitokens.spi.Revocation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import net.java.ao.DBParam;

/**
 * The SQL of the revocation log ({@link RevocationEntity}): append a revocation, read the rows after an id, find the
 * newest id, delete old rows. Each is one statement on one pooled connection; failures are translated as the
 * store's are ({@link StoreFailures}).
 */
final class RevocationLog {

    /**
     * One row: its id (the position in the log) and what it revokes; {@code null} for a kind this version does not
     * know (written by a newer node), which a reader must take as "something was revoked".
     */
    record Row(long id, Revocation revocation) {
    }

    private final Supplier<TokenTable> table;

    /** @param table the store's tables, set up on first use */
    RevocationLog(Supplier<TokenTable> table) {
        this.table = table;
    }

    void append(Revocation revocation, long createdMillis) {
        TokenTable t = table.get();
        try {
            t.entityManager.create(RevocationEntity.class, new DBParam("KIND", revocation.kind().name()),
                    new DBParam("SUBJECT", revocation.subject()), new DBParam("CREATED", createdMillis));
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("log the revocation of " + revocation, e);
        }
    }

    /** The rows with an id above {@code afterId}, lowest first, at most {@code limit}. */
    List<Row> after(long afterId, int limit) {
        TokenTable t = table.get();
        String sql = "SELECT " + t.column("ID") + ", " + t.column("KIND") + ", " + t.column("SUBJECT") + " FROM "
                + t.sqlRevocationTable + " WHERE " + t.column("ID") + " > ? ORDER BY " + t.column("ID");
        try (Connection connection = t.dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setMaxRows(limit);
            select.setLong(1, afterId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    Revocation.Kind kind = kind(result.getString(2));
                    rows.add(new Row(result.getLong(1), kind == null ? null : new Revocation(kind, result.getString(3))));
                }
            }
            return rows;
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("read the revocation log", e);
        }
    }

    /** The newest row's id, 0 for an empty log. */
    long newestId() {
        TokenTable t = table.get();
        String sql = "SELECT MAX(" + t.column("ID") + ") FROM " + t.sqlRevocationTable;
        try (Connection connection = t.dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet result = select.executeQuery()) {
            return result.next() ? result.getLong(1) : 0;
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("read the revocation log", e);
        }
    }

    /** Deletes the rows written before {@code cutoffMillis}; returns how many. */
    int deleteOlderThan(long cutoffMillis) {
        TokenTable t = table.get();
        String sql = "DELETE FROM " + t.sqlRevocationTable + " WHERE " + t.column("CREATED") + " < ?";
        try (Connection connection = t.dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setLong(1, cutoffMillis);
            return delete.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("prune the revocation log", e);
        }
    }

    /** The kind of that name, {@code null} for one this version does not know. */
    private static Revocation.Kind kind(String name) {
        for (Revocation.Kind kind : Revocation.Kind.values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
