package dev.apitokens.it;

import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The Confluence assembly, as shipped, wires up: store-confluence on AO_2DF51C_TOKEN (embedded H2), the filter on
 * /rest/*.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfluenceAssemblyIT extends AssemblyContract {

    @Configuration
    public Option[] configuration() {
        return DistributionLaunch.of("confluence").options();
    }

    @Override
    protected String storeBundle() {
        return OURS + "store-confluence";
    }

    @Override
    protected String table() {
        return "AO_2DF51C_TOKEN";
    }

    /** Confluence's "who am I" endpoint, served by the standalone host's Confluence samples. */
    @Override
    protected String myselfPath() {
        return "/rest/api/user/current";
    }
}
