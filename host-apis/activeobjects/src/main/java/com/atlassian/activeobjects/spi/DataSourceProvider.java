package com.atlassian.activeobjects.spi;

import javax.sql.DataSource;

/**
 * Declaration of the Active Objects SPI through which the host application gives the Active Objects plugin its own
 * database: {@code DataSource getDataSource()}.
 *
 * <p>Declared from: https://docs.atlassian.com/ConfluenceServer/javadoc/9.5.1/com/atlassian/confluence/impl/activeobjects/ActiveObjectsDataSourceProvider.html
 * (Confluence's implementation, "obtains its JDBC connections from Hibernate", since 8.0; {@code @NonNull DataSource
 * getDataSource()} "Specified by: getDataSource in interface com.atlassian.activeobjects.spi.DataSourceProvider") and
 * https://docs.atlassian.com/ConfluenceServer/javadoc/10.1.2/com/atlassian/confluence/impl/activeobjects/package-tree.html
 * (Confluence 10 still implements the interface). Only the method the adapter calls is declared. That Confluence
 * offers it to plugins as an OSGi service (as it does to the Active Objects plugin) was not seen: see
 * host-apis/README.md. Compile-only: never packaged into a plugin jar.
 */
public interface DataSourceProvider {

    DataSource getDataSource();
}
