package dev.apitokens.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.TokenStore;
import java.util.Dictionary;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;


/**
 * An integrator changes the hash algorithm with one configuration, live: all four hashers ship, and ranking
 * hasher-pbkdf2 above hasher-sha256 through ConfigAdmin makes it the default for new tokens; tokens made under the old
 * default keep working, and a token whose hasher goes away is refused with a log line that says which algorithm is
 * missing, until the hasher comes back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HasherSwapIT extends TokensOverRest {

    static final String PBKDF2_BUNDLE = OURS + "hasher-pbkdf2";
    static final String PBKDF2_PID = "dev.apitokens.hasher.pbkdf2";
    static final String SHA256_ALGORITHM = "hmac-sha256";
    static final String PBKDF2_ALGORITHM = "pbkdf2-sha256";

    @Configuration
    public Option[] configuration() {
        return DistributionLaunch.of("jira").options();
    }

    @Test
    public void aHigherRankedHasherTakesOverNewTokensAndOldOnesKeepWorking() throws Exception {
        String path = JiraAssemblyIT.MYSELF;
        assertEquals("the default hasher", SHA256_ALGORITHM, preferredAlgorithm());
        String tokenA = createToken(ALICE, "A");
        assertEquals("token A's algorithm", SHA256_ALGORITHM, tokenInfo(ALICE, "A").algorithm());
        assertTokenAccepted("token A under sha256", path, ALICE, tokenA);

        // pbkdf2 ships in the assembly, active, ranked below sha256 (0 < 100): no bundle to install
        Bundle pbkdf2 = installed(PBKDF2_BUNDLE);
        assertNotNull(PBKDF2_BUNDLE + " is not in the distribution's bundle set", pbkdf2);
        assertEquals(PBKDF2_BUNDLE + " state", Bundle.ACTIVE, pbkdf2.getState());
        await(() -> !references(Hasher.class, "(" + Hasher.ALGORITHM + "=" + PBKDF2_ALGORITHM + ")").isEmpty(),
                () -> "the shipped pbkdf2 bundle registers no " + PBKDF2_ALGORITHM + " Hasher");

        // the integrator's move: rank pbkdf2 above sha256 (100) through ConfigAdmin, as service.ranking = I"200"
        Dictionary<String, Object> before = reconfigure(PBKDF2_PID, "service.ranking", 200);
        await(() -> preferredAlgorithm().equals(PBKDF2_ALGORITHM),
                () -> "pbkdf2 did not become the preferred hasher; preferred: " + preferredAlgorithm());
        String pbkdf2Algorithm = preferredAlgorithm();

        String tokenB = createToken(ALICE, "B");
        String idB = tokenInfo(ALICE, "B").id();
        assertEquals("token B's algorithm", pbkdf2Algorithm, tokenInfo(ALICE, "B").algorithm());
        String storedB = service(TokenStore.class).findByPublicId(idB).orElseThrow().hash();
        assertTrue("token B's stored hash names " + pbkdf2Algorithm + ": " + storedB.split("\\$")[1],
                storedB.startsWith("$" + pbkdf2Algorithm + "$"));
        assertTokenAccepted("token A after the swap", path, ALICE, tokenA);
        assertTokenAccepted("token B under pbkdf2", path, ALICE, tokenB);

        // the hasher goes away: A (sha256) still works, B is refused and the log says what is missing
        try (LogCapture log = LogCapture.start()) {
            pbkdf2.stop();
            await(() -> references(Hasher.class, "(" + Hasher.ALGORITHM + "=" + pbkdf2Algorithm + ")").isEmpty(),
                    () -> "the pbkdf2 Hasher service is still registered after stopping its bundle");
            assertTokenAccepted("token A without pbkdf2", path, ALICE, tokenA);
            assertTokenRefused("token B without its hasher", path, ALICE, tokenB);
            String line = log.lineWith(idB, pbkdf2Algorithm);
            assertNotNull("no log line naming token " + idB + " and the missing algorithm " + pbkdf2Algorithm
                    + "; log:\n" + log.text(), line);
        }

        pbkdf2.start();
        await(() -> preferredAlgorithm().equals(pbkdf2Algorithm),
                () -> "pbkdf2 did not come back; preferred: " + preferredAlgorithm());
        assertTokenAccepted("token B with pbkdf2 back", path, ALICE, tokenB);
        assertTokenAccepted("token A with pbkdf2 back", path, ALICE, tokenA);

        restoreConfiguration(PBKDF2_PID, before);
    }

    /** The algorithm of the highest-ranked Hasher: the one the core uses for new tokens. */
    private String preferredAlgorithm() {
        long id = serviceId(Hasher.class, null);
        if (id < 0) {
            return "(no hasher)";
        }
        return String.valueOf(references(Hasher.class, "(service.id=" + id + ")").get(0).getProperty(Hasher.ALGORITHM));
    }
}
