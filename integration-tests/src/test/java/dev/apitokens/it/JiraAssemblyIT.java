package dev.apitokens.it;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The Jira assembly, as shipped, wires up: store-jira on AO_5D4005_TOKEN, the filter on /rest/*. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JiraAssemblyIT extends ApiTokensTestSupport {

    @Configuration
    public Option[] configuration() {
        return DistributionLaunch.of("jira").options();
    }

    @Test
    public void everyComponentIsActive() {
        assertEveryComponentActive(OURS + "core", OURS + "store-jira", OURS + "authfilter");
    }

    @Test
    public void oneStoreWritesJirasTable() throws Exception {
        assertSingleTokenStore(OURS + "store-jira", "AO_5D4005_TOKEN");
    }

    @Test
    public void authFilterGuardsRest() {
        assertAuthFilterOn("/rest/*");
    }
}
