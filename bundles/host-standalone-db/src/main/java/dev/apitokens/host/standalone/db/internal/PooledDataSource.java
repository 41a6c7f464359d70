package dev.apitokens.host.standalone.db.internal;

import dev.apitokens.host.data.DataDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The database of the standalone host, as a pooled {@code javax.sql.DataSource} service for the token store:
 * embedded H2 in the data directory by default, PostgreSQL or MariaDB by configuration. The JDBC driver comes from
 * the {@link DataSourceFactory} the configuration's {@code dataSourceFactory.target} selects.
 *
 * <p>The pool connects lazily: when the database is down the service is still there and the store reports it
 * unavailable (HTTP 503) until it comes back, instead of the whole product failing to start.
 */
@Component(service = DataSource.class, configurationPid = PooledDataSource.PID,
        property = DataSourceFactory.JDBC_DATASOURCE_NAME + "=apitokens")
@Designate(ocd = PooledDataSource.Config.class)
public class PooledDataSource implements DataSource {

    static final String PID = "dev.apitokens.host.standalone.datasource";
    static final String H2_FILTER = "(" + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "=org.h2.Driver)";

    @ObjectClassDefinition(name = "API tokens: standalone host database",
            description = "The database of the standalone host. Empty URL: embedded H2 in <data>/db/.")
    public @interface Config {

        @AttributeDefinition(name = "JDBC URL",
                description = "e.g. jdbc:postgresql://127.0.0.1:5432/jira or jdbc:mariadb://127.0.0.1:3306/jira. Empty: embedded H2 file database in the data directory.")
        String url() default "";

        @AttributeDefinition(name = "User", description = "Database user; empty for none.")
        String user() default "";

        @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, description = "Database password; empty for none.")
        String password() default "";

        @AttributeDefinition(name = "JDBC driver (service filter)",
                description = "Selects the driver's DataSourceFactory service: (osgi.jdbc.driver.class=org.h2.Driver), org.postgresql.Driver or org.mariadb.jdbc.Driver.")
        String dataSourceFactory_target() default H2_FILTER;

        @AttributeDefinition(name = "Maximum pool size", description = "Connections kept open at most.")
        int maximumPoolSize() default 10;

        @AttributeDefinition(name = "Connection timeout (ms)",
                description = "How long a caller waits for a connection before the store reports the database unavailable.")
        long connectionTimeoutMillis() default 5_000;

        @AttributeDefinition(name = "Connect timeout (seconds)",
                description = "How long the driver waits to open a connection and log in (PostgreSQL connectTimeout and loginTimeout, MariaDB connectTimeout), unless the URL sets its own.")
        int connectTimeoutSeconds() default JdbcUrl.DEFAULT_CONNECT_SECONDS;

        @AttributeDefinition(name = "Socket timeout (seconds)",
                description = "How long a statement may wait for the database before its connection is given up (PostgreSQL and MariaDB socketTimeout), unless the URL sets its own. A database that drops packets then fails requests with 503 instead of hanging them, and the pool recovers by itself once it answers again.")
        int socketTimeoutSeconds() default JdbcUrl.DEFAULT_SOCKET_SECONDS;
    }

    private final HikariDataSource pool;

    @Activate
    public PooledDataSource(BundleContext context,
            @Reference(name = "dataSourceFactory", target = H2_FILTER) DataSourceFactory factory, Config config)
            throws SQLException {
        this(DataDirectory.of(context), factory, config);
    }

    PooledDataSource(Path dataDir, DataSourceFactory factory, Config config) throws SQLException {
        String url = config.url().isBlank() ? embeddedH2(dataDir) : config.url().trim();
        HikariConfig settings = new HikariConfig();
        settings.setPoolName("apitokens");
        settings.setDataSource(new DriverDataSource(factory.createDriver(null), url, config.user(), config.password(),
                Math.max(1, config.connectTimeoutSeconds()), Math.max(1, config.socketTimeoutSeconds())));
        settings.setMaximumPoolSize(Math.max(1, config.maximumPoolSize()));
        settings.setMinimumIdle(Math.min(2, settings.getMaximumPoolSize()));
        settings.setConnectionTimeout(Math.max(250, config.connectionTimeoutMillis()));
        settings.setInitializationFailTimeout(-1);
        // an idle connection is checked before use; the check must not wait longer than a caller would
        settings.setValidationTimeout(Math.max(250, Math.min(settings.getConnectionTimeout() - 100, 3_000)));
        // and idle ones are checked in the background, so dead ones are gone before a request meets them
        settings.setKeepaliveTime(60_000);
        this.pool = new HikariDataSource(settings);
        LoggerFactory.getLogger(PooledDataSource.class).info("Database {} (user '{}', pool of {})",
                JdbcUrl.withoutParameters(url), config.user(), settings.getMaximumPoolSize());
    }

    /**
     * The default database. {@code DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook must not close the database
     * while the framework is still stopping and the token usage is being flushed; the pool closes it.
     */
    static String embeddedH2(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("apitokens") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    @Deactivate
    void close() {
        pool.close();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pool.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("com.zaxxer.hikari");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
