package dev.apitokens.it;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** The Jira assembly, as shipped, wires up: store-jira on AO_5D4005_TOKEN (embedded H2), the filter on /rest/*. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class JiraAssemblyIT extends AssemblyContract {

    static final String STORE = OURS + "store-jira";
    static final String TABLE = "AO_5D4005_TOKEN";
    /** Jira's "who am I" endpoint, served by the standalone host's Jira samples. */
    static final String MYSELF = "/rest/api/2/myself";

    @Configuration
    public Option[] configuration() {
        return DistributionLaunch.of("jira").options();
    }

    @Override
    protected String storeBundle() {
        return STORE;
    }

    @Override
    protected String table() {
        return TABLE;
    }

    @Override
    protected String myselfPath() {
        return MYSELF;
    }
}
