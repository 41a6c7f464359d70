package dev.apitokens.sal.host;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A host product's own database as a {@link DataSource}: the subclass says where connections come from, the host's
 * pool keeps its credentials, logging and timeouts to itself.
 */
public abstract class HostDatabase implements DataSource {

    private final String product;

    /** @param product the product's name, for the refusal of other credentials, e.g. {@code Jira} */
    protected HostDatabase(String product) {
        this.product = product;
    }

    @Override
    public abstract Connection getConnection() throws SQLException;

    /** The host's pool has one set of credentials: asking for others is a mistake. */
    @Override
    public final Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException(product + "'s database is reached with " + product
                + "'s own credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return null;
    }

    @Override
    public final void setLogWriter(PrintWriter out) {
        // the host's pool logs on its own
    }

    @Override
    public final void setLoginTimeout(int seconds) {
        // the host's pool has its own timeouts
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return 0;
    }

    @Override
    public final Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public final <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public final boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
