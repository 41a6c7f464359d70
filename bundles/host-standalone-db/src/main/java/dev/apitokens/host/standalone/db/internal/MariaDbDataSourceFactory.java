package dev.apitokens.host.standalone.db.internal;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;
import javax.sql.XADataSource;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * The {@link DataSourceFactory} the MariaDB driver bundle does not register itself (H2 and PostgreSQL do), so that
 * every database is reached the same way. The driver class is loaded on first use through this bundle's dynamic
 * import; without the MariaDB bundle installed, using it fails with a clear message.
 */
@Component(property = { DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "=" + MariaDbDataSourceFactory.DRIVER,
        DataSourceFactory.OSGI_JDBC_DRIVER_NAME + "=MariaDB Connector/J" })
public class MariaDbDataSourceFactory implements DataSourceFactory {

    static final String DRIVER = "org.mariadb.jdbc.Driver";

    @Override
    public Driver createDriver(Properties props) throws SQLException {
        try {
            return (Driver) getClass().getClassLoader().loadClass(DRIVER).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SQLException("the MariaDB JDBC driver (" + DRIVER + ") is not installed", e);
        }
    }

    @Override
    public DataSource createDataSource(Properties props) throws SQLException {
        String url = props == null ? null : props.getProperty(JDBC_URL);
        if (url == null) {
            throw new SQLException(JDBC_URL + " is required");
        }
        return new DriverDataSource(createDriver(null), url, props.getProperty(JDBC_USER),
                props.getProperty(JDBC_PASSWORD), JdbcUrl.DEFAULT_CONNECT_SECONDS,
                JdbcUrl.DEFAULT_SOCKET_SECONDS);
    }

    @Override
    public ConnectionPoolDataSource createConnectionPoolDataSource(Properties props) throws SQLException {
        throw new SQLException("not supported: use createDataSource");
    }

    @Override
    public XADataSource createXADataSource(Properties props) throws SQLException {
        throw new SQLException("not supported: use createDataSource");
    }
}
