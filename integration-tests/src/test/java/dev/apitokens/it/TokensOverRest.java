package dev.apitokens.it;

import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenService;

import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;


/**
 * Tokens made and used the way a user's scripts do, over the real REST API and the token filter (password login to
 * create, the token as Basic password or Bearer to use), checked against what the {@link TokenService} knows.
 */
public abstract class TokensOverRest extends ApiTokensTestSupport {

    /** The REST API of the token management (the original product's paths). */
    protected static final String TOKENS = "/rest/api-tokens/latest/";

    protected static String password(String user) {
        return RestClient.basic(user, passwordOf(user));
    }

    /**
     * Creates a token for {@code user} with {@code POST /rest/api-tokens/latest/} (password login) and returns its
     * secret, the response's {@code passwordValue}.
     */
    protected String createToken(String user, String label) {
        RestClient.Response created = rest().postJson(TOKENS, "{\"label\": \"" + label + "\"}", password(user));
        assertTrue("POST " + TOKENS + " as " + user + ": " + created,
                created.status() == 200 || created.status() == 201);
        String secret = created.field("passwordValue");
        assertNotNull("no passwordValue in " + created, secret);
        return secret;
    }

    /** What the token service knows about {@code user}'s token labelled {@code label}. */
    protected TokenInfo tokenInfo(String user, String label) {
        for (TokenInfo info : service(TokenService.class).list(user)) {
            if (info.label().equals(label)) {
                return info;
            }
        }
        fail("no token labelled " + label + " for " + user);
        return null;
    }

    /** A request that only an authenticated user may make, answered by the host with who that user is. */
    protected RestClient.Response whoAmI(String path, String authorization) {
        return rest().get(path, authorization);
    }

    /** {@code path} answers 200 for {@code user}'s token, and names the user. */
    protected void assertTokenAccepted(String what, String path, String user, String token) {
        RestClient.Response response = whoAmI(path, RestClient.basic(user, token));
        assertStatus(what + ": GET " + path + " with the token as password", 200, response);
        assertContains(what + ": GET " + path + " runs as the token's owner", "\"" + user + "\"", response.body());
    }

    protected void assertTokenRefused(String what, String path, String user, String token) {
        RestClient.Response response = whoAmI(path, RestClient.basic(user, token));
        assertStatus(what + ": GET " + path + " with the token as password", 401, response);
    }
}
