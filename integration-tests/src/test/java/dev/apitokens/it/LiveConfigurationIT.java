package dev.apitokens.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.apitokens.spi.Hasher;
import dev.apitokens.spi.TokenStore;
import java.util.Base64;
import java.util.Dictionary;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;


/** Configuration changed through ConfigAdmin applies at once, without a restart. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveConfigurationIT extends TokensOverRest {

    static final String AUTHFILTER_PID = "dev.apitokens.authfilter";
    static final String SHA256_PID = "dev.apitokens.hasher.sha256";
    static final String PATTERN = "osgi.http.whiteboard.filter.pattern";

    @Configuration
    public Option[] configuration() {
        return DistributionLaunch.of("jira").options();
    }

    /** Narrowed to /rest/api/2/*, the filter leaves /rest/api/latest/* to the host's password login. */
    @Test
    public void theFilterPatternMovesLive() throws Exception {
        WhiteboardFilters filters = whiteboardFilters();
        String token = createToken(ALICE, "pattern");
        assertTokenAccepted("default pattern", "/rest/api/latest/myself", ALICE, token);

        Dictionary<String, Object> before = reconfigure(AUTHFILTER_PID, PATTERN, new String[] { "/rest/api/2/*" });
        await(() -> filters.authFilterPatterns().equals(List.of("/rest/api/2/*")),
                () -> "the filter did not move to /rest/api/2/*: " + filters.authFilterPatterns());
        assertTokenAccepted("inside the new pattern", "/rest/api/2/myself", ALICE, token);
        assertTokenRefused("outside the new pattern (the host sees the token as a wrong password)",
                "/rest/api/latest/myself", ALICE, token);

        restoreConfiguration(AUTHFILTER_PID, before);
        await(() -> filters.authFilterPatterns().equals(List.of("/rest/*")),
                () -> "the filter did not return to /rest/*: " + filters.authFilterPatterns());
        assertTokenAccepted("pattern restored", "/rest/api/latest/myself", ALICE, token);
    }

    /** A pepper given to the sha256 hasher goes into new hashes at once; tokens made before keep verifying. */
    @Test
    public void aHasherParameterAppliesLive() throws Exception {
        String path = JiraAssemblyIT.MYSELF;
        String old = createToken(ALICE, "unpeppered");
        assertEquals("hash of a token made before", List.of(), params(tokenInfo(ALICE, "unpeppered").id()));

        long hasherBefore = serviceId(Hasher.class, "(" + Hasher.ALGORITHM + "=hmac-sha256)");
        String pepper = Base64.getEncoder().encodeToString("a test pepper of 32 bytes length".getBytes());
        Dictionary<String, Object> before = reconfigure(SHA256_PID, "pepper", pepper);
        // the component has no modified method: DS re-activates it with the new configuration
        await(() -> {
            long now = serviceId(Hasher.class, "(" + Hasher.ALGORITHM + "=hmac-sha256)");
            return now >= 0 && now != hasherBefore;
        }, () -> "the sha256 hasher was not re-activated with the pepper");

        String peppered = createToken(ALICE, "peppered");
        List<String> params = params(tokenInfo(ALICE, "peppered").id());
        assertTrue("a new hash names the pepper: " + params, params.size() == 1 && params.get(0).startsWith("pepper="));
        assertTokenAccepted("token made with the pepper", path, ALICE, peppered);
        assertTokenAccepted("token made before the pepper", path, ALICE, old);

        restoreConfiguration(SHA256_PID, before);
    }

    /** The parameters of a token's stored hash (never the salt or hash themselves). */
    private List<String> params(String tokenId) {
        String hash = service(TokenStore.class).findByPublicId(tokenId).orElseThrow().hash();
        // $id$params$salt$hash, or $id$salt$hash without parameters
        String[] parts = hash.split("\\$");
        return parts.length == 5 ? List.of(parts[2].split(",")) : List.of();
    }
}
