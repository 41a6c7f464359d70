package dev.apitokens.store.ao;

import dev.apitokens.spi.RotatedToken;
import dev.apitokens.spi.StoredToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import net.java.ao.DBParam;
import net.java.ao.Query;

/**
 * Rotation in place and the records of rotated-away tokens ({@code AO_<hash>_ROTATED}, {@link RotatedTokenEntity}):
 * writing them, finding one, and forgetting those that can no longer reveal a leak.
 */
final class TokenRotations {

    /** A record this young is never swept: its token row may not have its new id yet (see {@link #rotate}). */
    static final Duration SETTLING = Duration.ofMinutes(10);
    /** Bound on sweep passes; each pass forgets the last link of every dead chain. */
    private static final int MAX_PASSES = 1000;
    private static final int DELETE_BATCH = 500;

    private final TokenTable t;
    private final Function<String, Optional<StoredToken>> findByPublicId;

    TokenRotations(TokenTable table, Function<String, Optional<StoredToken>> findByPublicId) {
        this.t = table;
        this.findByPublicId = findByPublicId;
    }

    Optional<StoredToken> rotate(String publicId, String expectedHash, String newPublicId, String newHash,
            Instant rotatedAt, Instant expiresAt) {
        Optional<StoredToken> old = findByPublicId.apply(publicId);
        if (old.isEmpty() || !old.get().hash().equals(expectedHash)) {
            return Optional.empty();
        }
        try {
            // The record first: from the moment the row has its new id, the old secret must be recognised.
            t.entityManager.create(RotatedTokenEntity.class, new DBParam("PUBLIC_ID", publicId),
                    new DBParam("HASH", expectedHash), new DBParam("SUCCESSOR_ID", newPublicId),
                    new DBParam("USER_KEY", old.get().userKey()), new DBParam("ROTATED", rotatedAt.toEpochMilli()));
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("record the rotation of token " + publicId, e);
        }
        String sql = "UPDATE " + t.sqlTable + " SET " + t.column("PUBLIC_ID") + " = ?, " + t.column("HASH") + " = ?, "
                + t.column("CREATED") + " = ?, " + t.column("EXPIRATION_DATE") + " = ?, " + t.column("USAGE_COUNT")
                + " = 0, " + t.column("LAST_ACCESSED") + " = NULL, " + t.column("LAST_ADDRESSES") + " = NULL WHERE "
                + t.column("PUBLIC_ID") + " = ? AND " + t.column("HASH") + " = ?";
        int updated;
        try (Connection connection = t.dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, newPublicId);
            update.setString(2, newHash);
            update.setLong(3, rotatedAt.toEpochMilli());
            if (expiresAt == null) {
                update.setNull(4, Types.BIGINT);
            } else {
                update.setLong(4, expiresAt.toEpochMilli());
            }
            update.setString(5, publicId);
            update.setString(6, expectedHash);
            updated = update.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("rotate token " + publicId, e);
        }
        if (updated == 0) {
            // revoked or rotated by someone else meanwhile: the record is not true
            deleteWhere("PUBLIC_ID = ? AND SUCCESSOR_ID = ?", publicId, newPublicId);
            return Optional.empty();
        }
        return findByPublicId.apply(newPublicId);
    }

    Optional<RotatedToken> find(String publicId) {
        try {
            RotatedTokenEntity[] found = t.entityManager.find(RotatedTokenEntity.class,
                    Query.select().where("PUBLIC_ID = ?", publicId));
            return found.length == 0 ? Optional.empty()
                    : Optional.of(new RotatedToken(found[0].getPublicId(), found[0].getHash(),
                            found[0].getSuccessorId(), found[0].getUserKey(),
                            Instant.ofEpochMilli(found[0].getRotated())));
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("look up rotated token " + publicId, e);
        }
    }

    int delete(Collection<String> publicIds) {
        int deleted = 0;
        for (String publicId : publicIds) {
            deleted += deleteWhere("PUBLIC_ID = ?", publicId);
        }
        return deleted;
    }

    /**
     * Forgets the records whose successor is neither a token nor rotated itself (the end of a dead chain), whose
     * successor token has expired, and, when {@code rotatedBefore} is given, those rotated before it. One select
     * per pass (a self-join, so MySQL's rule against a DELETE reading its own table does not apply), then deletes
     * by id; passes repeat until one finds nothing, so a chain dies from its end.
     */
    int deleteStale(Instant now, Instant rotatedBefore) {
        String r = t.sqlRotatedTable;
        String successor = "r." + t.column("SUCCESSOR_ID");
        String tokenId = "tk." + t.column("PUBLIC_ID");
        StringBuilder where = new StringBuilder("r." + t.column("ROTATED") + " < ? AND ((NOT EXISTS (SELECT 1 FROM "
                + t.sqlTable + " tk WHERE " + tokenId + " = " + successor + ") AND NOT EXISTS (SELECT 1 FROM " + r
                + " r2 WHERE r2." + t.column("PUBLIC_ID") + " = " + successor + ")) OR EXISTS (SELECT 1 FROM "
                + t.sqlTable + " tk WHERE " + tokenId + " = " + successor + " AND tk."
                + t.column("EXPIRATION_DATE") + " <= ?))");
        List<Long> parameters = new ArrayList<>(List.of(now.minus(SETTLING).toEpochMilli(), now.toEpochMilli()));
        if (rotatedBefore != null) {
            where.insert(0, "r." + t.column("ROTATED") + " < ? OR (").append(")");
            parameters.add(0, rotatedBefore.toEpochMilli());
        }
        String select = "SELECT r." + t.column("ID") + " FROM " + r + " r WHERE " + where;
        int deleted = 0;
        try (Connection connection = t.dataSource.getConnection()) {
            for (int pass = 0; pass < MAX_PASSES; pass++) {
                List<Long> ids = new ArrayList<>();
                try (PreparedStatement query = connection.prepareStatement(select)) {
                    for (int i = 0; i < parameters.size(); i++) {
                        query.setLong(i + 1, parameters.get(i));
                    }
                    try (ResultSet rows = query.executeQuery()) {
                        while (rows.next()) {
                            ids.add(rows.getLong(1));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    break;
                }
                deleted += deleteIds(connection, ids);
            }
            return deleted;
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("forget stale rotated tokens", e);
        }
    }

    private int deleteIds(Connection connection, List<Long> ids) throws SQLException {
        int deleted = 0;
        for (int from = 0; from < ids.size(); from += DELETE_BATCH) {
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + DELETE_BATCH));
            String marks = String.join(", ", java.util.Collections.nCopies(batch.size(), "?"));
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + t.sqlRotatedTable + " WHERE " + t.column("ID") + " IN (" + marks + ")")) {
                for (int i = 0; i < batch.size(); i++) {
                    delete.setLong(i + 1, batch.get(i));
                }
                deleted += delete.executeUpdate();
            }
        }
        return deleted;
    }

    private int deleteWhere(String where, Object... parameters) {
        try {
            return t.entityManager.deleteWithSQL(RotatedTokenEntity.class, where, parameters);
        } catch (SQLException | RuntimeException e) {
            throw StoreFailures.translate("forget rotated tokens", e);
        }
    }
}
