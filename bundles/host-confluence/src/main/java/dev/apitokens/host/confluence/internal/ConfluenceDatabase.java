package dev.apitokens.host.confluence.internal;

import com.atlassian.activeobjects.spi.DataSourceProvider;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.apitokens.sal.host.HostDatabase;

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
public class ConfluenceDatabase extends HostDatabase {

    private final DataSourceProvider provider;

    @Activate
    public ConfluenceDatabase(@Reference DataSourceProvider provider) {
        super("Confluence");
        this.provider = provider;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return confluences().getConnection();
    }

    private DataSource confluences() throws SQLException {
        DataSource dataSource = provider.getDataSource();
        if (dataSource == null) {
            throw new SQLException("Confluence gave Active Objects no data source (is Confluence still starting?)");
        }
        return dataSource;
    }
}
