package dev.apitokens.host.jira.internal;

import com.atlassian.jira.ofbiz.OfBizConnectionFactory;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Jira's own database as the {@link DataSource} the token store reads: connections come from Jira's pool through
 * {@code OfBizConnectionFactory}, so the store's tables ({@code AO_5D4005_*}) live beside the ones Jira's Active
 * Objects creates for the plugin's {@code <ao>} module. Closing a connection returns it to Jira's pool.
 */
@Component(service = DataSource.class)
public class JiraDatabase implements DataSource {

    private final OfBizConnectionFactory connections;

    @Activate
    public JiraDatabase(@Reference OfBizConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connections.getConnection();
    }

    /** Jira's pool has one set of credentials: asking for others is a mistake. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("Jira's database is reached with Jira's own credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Jira's pool logs on its own
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // Jira's pool has its own timeouts
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
