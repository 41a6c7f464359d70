package dev.apitokens.host.confluence.internal;

import com.atlassian.activeobjects.spi.DataSourceProvider;
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
 * Confluence's own database as the {@link DataSource} the token store reads: the one Confluence gives its Active
 * Objects plugin through Active Objects' {@code DataSourceProvider} (connections from Confluence's Hibernate pool), so
 * the store's tables ({@code AO_2DF51C_*}) live beside the ones Active Objects creates for the plugin's {@code <ao>}
 * module. Confluence's data source is asked for on every connection, never kept: the host decides which one is current.
 */
@Component(service = DataSource.class)
public class ConfluenceDatabase implements DataSource {

    private final DataSourceProvider provider;

    @Activate
    public ConfluenceDatabase(@Reference DataSourceProvider provider) {
        this.provider = provider;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return confluences().getConnection();
    }

    /** Confluence's pool has one set of credentials: asking for others is a mistake. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("Confluence's database is reached with Confluence's own credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return confluences().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Confluence's pool logs on its own
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // Confluence's pool has its own timeouts
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return confluences().getLoginTimeout();
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

    private DataSource confluences() throws SQLException {
        DataSource dataSource = provider.getDataSource();
        if (dataSource == null) {
            throw new SQLException("Confluence gave Active Objects no data source (is Confluence still starting?)");
        }
        return dataSource;
    }
}
