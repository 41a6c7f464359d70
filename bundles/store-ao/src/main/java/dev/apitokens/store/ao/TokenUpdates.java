package dev.apitokens.store.ao;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The single-column updates of a token row in plain JDBC: a compare-and-set of the hash (Active Objects'
 * {@code save()} is read-modify-write, so it could not tell a lost race) and a new label.
 */
final class TokenUpdates {

    private final TokenTable table;

    TokenUpdates(TokenTable table) {
        this.table = table;
    }

    /** Replaces the hash only if it is still {@code expectedHash}; whether it did. */
    boolean replaceHash(String publicId, String expectedHash, String newHash) throws SQLException {
        String sql = "UPDATE " + table.sqlTable + " SET " + table.column("HASH") + " = ? WHERE "
                + table.column("PUBLIC_ID") + " = ? AND " + table.column("HASH") + " = ?";
        try (Connection connection = table.dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, newHash);
            update.setString(2, publicId);
            update.setString(3, expectedHash);
            return update.executeUpdate() == 1;
        }
    }

    /** Sets the label; whether the token was there. */
    boolean rename(String publicId, String label) throws SQLException {
        String sql = "UPDATE " + table.sqlTable + " SET " + table.column("LABEL") + " = ? WHERE "
                + table.column("PUBLIC_ID") + " = ?";
        try (Connection connection = table.dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, label);
            update.setString(2, publicId);
            return update.executeUpdate() == 1;
        }
    }
}
