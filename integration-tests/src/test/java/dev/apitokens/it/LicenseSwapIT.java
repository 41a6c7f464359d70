package dev.apitokens.it;

import static org.junit.Assert.assertEquals;

import dev.apitokens.spi.LicenseGate;
import dev.apitokens.spi.LicenseStatus;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;


/**
 * The license strategy is a bundle too: with a gate that says no (license-signed without a key: MISSING) ranked
 * above the evaluation gate, token authentication is refused while token management keeps working; taking the
 * gate away restores authentication, without a restart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LicenseSwapIT extends TokensOverRest {

    static final String SIGNED_BUNDLE = OURS + "license-signed";

    @Configuration
    public Option[] configuration() {
        return DistributionLaunch.of("jira").options();
    }

    @Test
    public void aRefusingGateStopsTokenAuthenticationButNotManagement() throws Exception {
        String path = JiraAssemblyIT.MYSELF;
        String token = createToken(ALICE, "before");
        assertTokenAccepted("licensed by " + gateBundle(), path, ALICE, token);

        Bundle signed = shippedOrInstalled(SIGNED_BUNDLE, "license-signed");
        signed.start();
        await(() -> SIGNED_BUNDLE.equals(gateBundle()),
                () -> "license-signed's gate does not outrank the others; winning gate from " + gateBundle());
        LicenseStatus status = service(LicenseGate.class).status();
        assertEquals("license-signed without a key: " + status.message(), LicenseStatus.State.MISSING,
                status.state());

        RestClient.Response refused = whoAmI(path, RestClient.basic(ALICE, token));
        assertStatus("token without a license", 401, refused);
        assertContains("the 401 says why", "not licensed", refused.body());
        RestClient.Response listed = rest().get(TOKENS, password(ALICE));
        assertStatus("GET " + TOKENS + " with a password, unlicensed", 200, listed);
        assertContains("the listing, unlicensed", "\"before\"", listed.body());
        String madeUnlicensed = createToken(ALICE, "unlicensed");
        assertTokenRefused("a token made while unlicensed", path, ALICE, madeUnlicensed);

        signed.stop();
        await(() -> !SIGNED_BUNDLE.equals(gateBundle()), () -> "license-signed's gate is still registered");
        assertTokenAccepted("licensed again, no restart", path, ALICE, token);
        assertTokenAccepted("the token made while unlicensed", path, ALICE, madeUnlicensed);
    }

    /** The bundle of the highest-ranked LicenseGate, the one the core asks. */
    private String gateBundle() {
        long id = serviceId(LicenseGate.class, null);
        return id < 0 ? "(no gate)"
                : references(LicenseGate.class, "(service.id=" + id + ")").get(0).getBundle().getSymbolicName();
    }
}
