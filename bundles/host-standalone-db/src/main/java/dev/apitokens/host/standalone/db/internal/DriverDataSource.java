package dev.apitokens.host.standalone.db.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Unpooled connections from a JDBC {@link Driver} instance, for the pool to draw on. Going through the driver
 * object (from a {@code DataSourceFactory}) rather than {@code DriverManager} is what works in OSGi, where the
 * driver's classes are not visible to the pool's bundle.
 */
final class DriverDataSource implements DataSource {

    private final Driver driver;
    private final String url;
    private final Properties credentials;
    private volatile int loginTimeoutSeconds;

    /**
     * @param connectSeconds the driver's connect and login timeout (see {@link JdbcUrl#addNetworkTimeouts})
     * @param socketSeconds the driver's socket read timeout: how long a statement may wait for the database
     */
    DriverDataSource(Driver driver, String url, String user, String password, int connectSeconds, int socketSeconds) {
        this.driver = driver;
        this.url = url;
        this.credentials = new Properties();
        JdbcUrl.addNetworkTimeouts(url, credentials, connectSeconds, socketSeconds);
        if (user != null && !user.isEmpty()) {
            credentials.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect((Properties) credentials.clone());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        Properties properties = (Properties) credentials.clone();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return connect(properties);
    }

    private Connection connect(Properties properties) throws SQLException {
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("the JDBC driver " + driver.getClass().getName() + " does not accept the URL "
                    + JdbcUrl.withoutParameters(url));
        }
        return connection;
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // drivers log through their own loggers
    }

    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
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
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
