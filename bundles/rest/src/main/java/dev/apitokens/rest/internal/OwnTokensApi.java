package dev.apitokens.rest.internal;

import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.TokenService;
import dev.apitokens.host.spi.RequestUser;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.apitokens.rest.internal.JsonViews.Created;
import dev.apitokens.rest.internal.JsonViews.OwnToken;

/** The current user's own tokens: the original product's {@code GET /}, {@code POST /}, {@code DELETE /{id}}, {@code DELETE /all}. */
final class OwnTokensApi {

    private final TokenService tokens;
    private final JsonCodec json;
    private final Clock clock;
    private final ZoneId zone;

    OwnTokensApi(TokenService tokens, JsonCodec json, Clock clock, ZoneId zone) {
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
    }

    void list(RequestUser caller, HttpServletResponse response) throws IOException {
        Instant now = clock.instant();
        List<OwnToken> own = tokens.list(caller.user().key()).stream().map(token -> OwnToken.of(token, now)).toList();
        json.write(response, 200, own);
    }

    void create(RequestUser caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (caller.method() == RequestUser.Method.TOKEN) {
            // A leaked token must not be able to mint more tokens that outlive its revocation.
            throw ApiError.forbidden("an API token cannot create API tokens; sign in with your password");
        }
        CreateTokenRequest create = CreateTokenRequest.from(json.readObject(request), clock.instant(), zone);
        CreatedToken created = tokens.create(caller.user().key(), create.label(), create.expiresAt());
        json.write(response, 200, Created.of(created));
    }

    void revoke(RequestUser caller, String tokenId, HttpServletResponse response) {
        if (!tokens.revoke(caller.user().key(), tokenId)) {
            // Another user's token answers the same as a missing one, so ids cannot be probed.
            throw ApiError.notFound("token not found");
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    void revokeAll(RequestUser caller, HttpServletResponse response) {
        tokens.revokeAll(caller.user().key());
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
