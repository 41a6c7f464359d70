package dev.apitokens.it;

import static org.junit.Assert.assertEquals;

import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The Jira assembly once more, on PostgreSQL (127.0.0.1:5432, database {@code test}, user postgres) instead of the
 * embedded H2: the host's data source configured the way an operator does it, the repository's sample
 * {@code config-samples/dev.apitokens.host.standalone.datasource-postgresql.cfg} copied into the config directory as
 * {@code dev.apitokens.host.standalone.datasource.cfg}. Skipped when PostgreSQL is not
 * reachable, except on CI ({@code CI=true}), where that fails ({@link PaxExamWithPostgres}). Besides
 * {@link #theDataSourceIsPostgres}, the whole {@link AssemblyContract} runs on it.
 */
@RunWith(PaxExamWithPostgres.class)
@ExamReactorStrategy(PerClass.class)
public class JiraPostgresIT extends AssemblyContract {

    @Configuration
    public Option[] configuration() {
        return DistributionLaunch.of("jira")
                .configSample("dev.apitokens.host.standalone.datasource",
                        "dev.apitokens.host.standalone.datasource-postgresql.cfg")
                .options();
    }

    @Test
    public void theDataSourceIsPostgres() throws Exception {
        try (Connection connection = service(DataSource.class).getConnection()) {
            assertEquals("database product of the host's DataSource", "PostgreSQL",
                    connection.getMetaData().getDatabaseProductName());
        }
    }

    @Override
    protected String storeBundle() {
        return JiraAssemblyIT.STORE;
    }

    @Override
    protected String table() {
        return JiraAssemblyIT.TABLE;
    }

    @Override
    protected String myselfPath() {
        return JiraAssemblyIT.MYSELF;
    }
}
