package dev.apitokens.rest.internal;

import dev.apitokens.api.TokenPolicy;
import dev.apitokens.api.TokenPolicyException;
import dev.apitokens.api.TokenScope;
import dev.apitokens.api.TokenService;
import dev.apitokens.host.spi.RequestUser;
import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code GET /policy}: the administrators' token policy as every signed-in user may see it (so a script or the
 * profile page can tell what a create request must look like), and whether the caller may create tokens.
 */
final class PolicyApi {

    /** The JSON shape of {@code GET /policy}. */
    @JsonPropertyOrder({ "requireExpiry", "defaultLifetimeDays", "maxLifetimeDays", "maxTokensPerUser",
            "creatorGroups", "userScopes", "mayCreate" })
    record PolicyJson(boolean requireExpiry, int defaultLifetimeDays, int maxLifetimeDays, int maxTokensPerUser,
            List<String> creatorGroups, List<String> userScopes, boolean mayCreate) {

        static PolicyJson of(TokenPolicy policy, boolean mayCreate) {
            return new PolicyJson(policy.requireExpiry(), policy.defaultLifetimeDays(), policy.maxLifetimeDays(),
                    policy.maxTokensPerUser(), policy.creatorGroups(),
                    policy.userScopes().stream().sorted().map(TokenScope::jsonName).toList(), mayCreate);
        }
    }

    private final TokenService tokens;
    private final JsonCodec json;

    PolicyApi(TokenService tokens, JsonCodec json) {
        this.tokens = tokens;
        this.json = json;
    }

    void show(RequestUser caller, HttpServletResponse response) throws IOException {
        json.write(response, 200, PolicyJson.of(tokens.policy(), tokens.mayCreate(caller.user().key())));
    }

    /** The status of a refusal: 409 for the token limit, 403 for a user who may not create tokens, else 400. */
    static int status(TokenPolicyException refusal) {
        return switch (refusal.reason()) {
            case TOO_MANY_TOKENS -> 409;
            case NOT_PERMITTED -> 403;
            default -> 400;
        };
    }
}
