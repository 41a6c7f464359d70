package dev.apitokens.store.ao;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Set;
import java.util.logging.Logger;

import javax.sql.DataSource;

import net.java.ao.DisposableDataSource;

/**
 * A {@link DataSource} whose connections answer metadata questions about the store's own schema only.
 *
 * <p>Active Objects reads the existing schema with calls such as {@code getColumns(null, null, table, null)}: with
 * no catalog and no schema, MySQL/MariaDB drivers answer for every database on the server and PostgreSQL for
 * every schema. Where two Jira instances share a server, the store would then see the other instance's
 * {@code AO_5D4005_TOKEN}, skip creating its own table, or merge both tables' columns. This wrapper fills in the
 * store's catalog or schema where a metadata call leaves it {@code null}; everything else is passed through.
 *
 * <p>It is also the data source Active Objects disposes of when the store stops: the host owns the real one, so
 * {@link #dispose()} leaves it open.
 */
final class SchemaScopedDataSource implements DisposableDataSource {

    /** Metadata calls whose first two parameters are (catalog, schema or schema pattern). */
    private static final Set<String> SCOPED_CALLS = Set.of("getTables", "getColumns", "getIndexInfo",
            "getPrimaryKeys", "getImportedKeys", "getExportedKeys", "getColumnPrivileges", "getTablePrivileges",
            "getBestRowIdentifier", "getVersionColumns");

    private final DataSource target;
    private final DatabaseDialect.SchemaScope scope;

    SchemaScopedDataSource(DataSource target, DatabaseDialect.SchemaScope scope) {
        this.target = target;
        this.scope = scope;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return scoped(target.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return scoped(target.getConnection(username, password));
    }

    private Connection scoped(Connection connection) {
        ClassLoader loader = SchemaScopedDataSource.class.getClassLoader();
        Connection[] self = new Connection[1];
        InvocationHandler metaDataHandler = (proxy, method, args) -> {
            if (method.getName().equals("getConnection") && method.getParameterCount() == 0) {
                return self[0];
            }
            return invoke(connection.getMetaData(), method, withScope(method, args));
        };
        InvocationHandler connectionHandler = (proxy, method, args) -> {
            if (method.getName().equals("getMetaData") && method.getParameterCount() == 0) {
                return Proxy.newProxyInstance(loader, new Class<?>[] {DatabaseMetaData.class}, metaDataHandler);
            }
            return invoke(connection, method, args);
        };
        self[0] = (Connection) Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class}, connectionHandler);
        return self[0];
    }

    private Object[] withScope(Method method, Object[] args) {
        if (!SCOPED_CALLS.contains(method.getName()) || args == null || args.length < 2) {
            return args;
        }
        Object[] scoped = args.clone();
        if (scoped[0] == null && scope.catalog() != null) {
            scoped[0] = scope.catalog();
        }
        if (scoped[1] == null && scope.schema() != null) {
            scoped[1] = scope.schema();
        }
        return scoped;
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Leaves the host's data source open. */
    @Override
    public void dispose() {
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}
