package dev.apitokens.host.jira.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class JiraDatabaseTest {

    @Test
    void connectionsComeFromJirasFactory() throws SQLException {
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { Connection.class }, (proxy, method, args) -> null);
        AtomicInteger asked = new AtomicInteger();
        JiraDatabase database = new JiraDatabase(() -> {
            asked.incrementAndGet();
            return connection;
        });
        assertSame(connection, database.getConnection());
        assertEquals(1, asked.get());
        assertThrows(SQLException.class, () -> database.getConnection("sa", ""));
    }

    @Test
    void failuresOfJirasPoolReachTheStore() {
        JiraDatabase database = new JiraDatabase(() -> {
            throw new SQLException("pool exhausted");
        });
        assertEquals("pool exhausted", assertThrows(SQLException.class, database::getConnection).getMessage());
    }
}
