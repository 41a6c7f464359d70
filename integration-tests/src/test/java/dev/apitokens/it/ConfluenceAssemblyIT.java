package dev.apitokens.it;

import org.junit.Test;
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
public class ConfluenceAssemblyIT extends ApiTokensTestSupport {

    static final String STORE = OURS + "store-confluence";
    static final String TABLE = "AO_2DF51C_TOKEN";
    /** Confluence's "who am I" endpoint, served by the standalone host's Confluence samples. */
    static final String MYSELF = "/rest/api/user/current";

    @Configuration
    public Option[] configuration() {
        return DistributionLaunch.of("confluence").options();
    }

    @Test
    public void everyComponentIsActive() {
        assertEveryComponentActive(STORE);
    }

    @Test
    public void oneStoreWritesConfluencesTable() throws Exception {
        assertSingleTokenStore(STORE, TABLE);
    }

    @Test
    public void authFilterGuardsRest() {
        assertAuthFilterOn("/rest/*");
    }

    @Test
    public void aTokenPassesTheFilter() {
        assertTokenPassesTheFilter(MYSELF);
    }
}
