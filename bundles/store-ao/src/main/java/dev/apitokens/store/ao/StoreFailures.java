package dev.apitokens.store.ao;

import dev.apitokens.api.TokenStoreUnavailableException;
import dev.apitokens.spi.TokenStore;
import java.sql.SQLException;


/**
 * Turns what JDBC and Active Objects throw into the two failures the {@code TokenStore} contract knows: a rejected
 * value ({@link IllegalArgumentException}: a duplicate public id, a value too long for its column) or an
 * unreachable or failing database ({@link TokenStoreUnavailableException}). No driver or Active Objects exception
 * type leaves the store. Messages name the operation and the SQL state, never a value.
 */
final class StoreFailures {

    private StoreFailures() {
    }

    static RuntimeException translate(String operation, Throwable failure) {
        if (failure instanceof TokenStoreUnavailableException unavailable) {
            return unavailable;
        }
        SQLException sql = sqlCause(failure);
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        if (state.startsWith("23")) {
            // integrity constraint violation: the unique public id, or a NOT NULL column
            return new IllegalArgumentException("token store rejected " + operation
                    + ": the public id is already taken or a required value is missing (SQL state " + state + ")",
                    failure);
        }
        if (state.startsWith("22")) {
            // data exception: typically a value longer than its VARCHAR(255) column
            return new IllegalArgumentException("token store rejected " + operation
                    + ": a value does not fit its column (SQL state " + state + ")", failure);
        }
        if (sql == null && failure instanceof IllegalArgumentException rejected) {
            // Active Objects' own validation, e.g. a blank value for a NOT NULL column
            return new IllegalArgumentException("token store rejected " + operation + ": " + rejected.getMessage(),
                    failure);
        }
        return new TokenStoreUnavailableException("token store unavailable: could not " + operation
                + (sql == null ? " (" + failure.getClass().getSimpleName() + ")" : " (SQL state " + state + ": "
                        + firstLine(sql.getMessage()) + ")"), failure);
    }

    private static SQLException sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
