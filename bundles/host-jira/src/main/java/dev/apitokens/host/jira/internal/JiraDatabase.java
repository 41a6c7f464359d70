package dev.apitokens.host.jira.internal;

import com.atlassian.jira.ofbiz.OfBizConnectionFactory;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.apitokens.sal.host.HostDatabase;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Jira's own database as the {@link DataSource} the token store reads: connections come from Jira's pool through
 * {@code OfBizConnectionFactory}, so the store's tables ({@code AO_5D4005_*}) live beside the ones Jira's Active
 * Objects creates for the plugin's {@code <ao>} module. Closing a connection returns it to Jira's pool.
 */
@Component(service = DataSource.class)
public class JiraDatabase extends HostDatabase {

    private final OfBizConnectionFactory connections;

    @Activate
    public JiraDatabase(@Reference OfBizConnectionFactory connections) {
        super("Jira");
        this.connections = connections;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connections.getConnection();
    }
}
