package com.atlassian.jira.ofbiz;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Declaration of Jira's connection factory: a JDBC connection to Jira's own database (from its pool).
 *
 * <p>Declared from: https://docs.atlassian.com/DAC/javadoc/jira/reference/com/atlassian/jira/ofbiz/OfBizConnectionFactory.html
 * and https://docs.atlassian.com/jira/latest/com/atlassian/jira/ofbiz/DefaultOfBizConnectionFactory.html
 * ({@code Connection getConnection() throws SQLException, DataAccessException}, "in interface
 * OfBizConnectionFactory"). That Jira offers it to plugins as a service was not seen: see host-apis/README.md.
 * Compile-only: never packaged into a plugin jar.
 */
public interface OfBizConnectionFactory {

    Connection getConnection() throws SQLException;
}
