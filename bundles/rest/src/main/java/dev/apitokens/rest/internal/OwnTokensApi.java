package dev.apitokens.rest.internal;

import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenService;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.HostUsers;
import dev.apitokens.host.spi.RequestUser;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.apitokens.rest.internal.JsonViews.Created;
import dev.apitokens.rest.internal.JsonViews.OwnToken;

/**
 * The current user's own tokens: the original product's {@code GET /}, {@code POST /}, {@code DELETE /{id}},
 * {@code DELETE /all}; and ours: {@code GET /self}, {@code POST /self/rotate}, {@code POST /{id}/rotate},
 * {@code PATCH /{id}}.
 */
final class OwnTokensApi {

    private final TokenService tokens;
    private final HostUsers users;
    private final JsonCodec json;
    private final Clock clock;
    private final ZoneId zone;

    OwnTokensApi(TokenService tokens, HostUsers users, JsonCodec json, Clock clock, ZoneId zone) {
        this.tokens = tokens;
        this.users = users;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
    }

    void list(RequestUser caller, HttpServletResponse response) throws IOException {
        Instant now = clock.instant();
        List<OwnToken> own = tokens.list(caller.user().key()).stream()
                .map(token -> OwnToken.of(token, now, creatorName(token))).toList();
        json.write(response, 200, own);
    }

    /** {@code GET /self}: the token the request was authenticated with; 404 for any other authentication. */
    void self(RequestUser caller, HttpServletResponse response) throws IOException {
        TokenInfo token = ownToken(caller)
                .orElseThrow(() -> ApiError.notFound("this request was not authenticated with an API token"));
        json.write(response, 200, OwnToken.of(token, clock.instant(), creatorName(token)));
    }

    /** {@code POST /self/rotate}: the token rotates itself (the one way a token may obtain a new secret). */
    void rotateSelf(RequestUser caller, HttpServletResponse response) throws IOException {
        TokenInfo token = ownToken(caller)
                .orElseThrow(() -> ApiError.notFound("this request was not authenticated with an API token"));
        rotate(caller.user(), token.id(), response);
    }

    /** {@code POST /{id}/rotate}, signed in by session or password. */
    void rotate(RequestUser caller, String tokenId, HttpServletResponse response) throws IOException {
        if (caller.method() == RequestUser.Method.TOKEN) {
            throw ApiError.forbidden("an API token cannot rotate other tokens; use POST /self/rotate with the token "
                    + "itself, or sign in with your password");
        }
        rotate(caller.user(), tokenId, response);
    }

    private void rotate(HostUser owner, String tokenId, HttpServletResponse response) throws IOException {
        CreatedToken rotated = tokens.rotate(owner.key(), tokenId)
                .orElseThrow(() -> ApiError.notFound("token not found"));
        json.write(response, 200, Created.of(rotated));
    }

    /** {@code PATCH /{id}} with {@code {"label": "..."}}: 204. */
    void rename(RequestUser caller, String tokenId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String label = CreateTokenRequest.label(json.readObject(request));
        if (!tokens.rename(caller.user().key(), tokenId, label)) {
            throw ApiError.notFound("token not found");
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }

    private Optional<TokenInfo> ownToken(RequestUser caller) {
        if (caller.method() != RequestUser.Method.TOKEN) {
            return Optional.empty();
        }
        return tokens.find(caller.tokenId()).filter(t -> t.userKey().equals(caller.user().key()));
    }

    /** The username of the admin who made the token for its owner, or {@code null}. */
    private String creatorName(TokenInfo token) {
        if (token.createdBy() == null) {
            return null;
        }
        return users.findByKey(token.createdBy()).map(HostUser::name).orElse(token.createdBy());
    }

    void create(RequestUser caller, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (caller.method() == RequestUser.Method.TOKEN) {
            // A leaked token must not be able to mint more tokens that outlive its revocation.
            throw ApiError.forbidden("an API token cannot create API tokens; sign in with your password");
        }
        CreateTokenRequest create = CreateTokenRequest.from(json.readObject(request), clock.instant(), zone);
        CreatedToken created = tokens.create(caller.user().key(), create.toRequest(), caller.user().key());
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
