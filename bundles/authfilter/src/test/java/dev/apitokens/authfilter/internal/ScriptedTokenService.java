package dev.apitokens.authfilter.internal;

import dev.apitokens.api.AuthenticationResult;
import dev.apitokens.api.CreatedToken;
import dev.apitokens.api.Page;
import dev.apitokens.api.TokenInfo;
import dev.apitokens.api.TokenQuery;
import dev.apitokens.api.TokenRequest;
import dev.apitokens.api.TokenService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;


/** A TokenService whose authentication answers are set by the test; tokens of "our format" start with apt_. */
class ScriptedTokenService implements TokenService {

    final Map<String, Supplier<AuthenticationResult>> answers = new ConcurrentHashMap<>();
    final List<String> authenticateCalls = new CopyOnWriteArrayList<>();
    final List<String> clientAddresses = new CopyOnWriteArrayList<>();

    @Override
    public boolean isTokenFormat(String candidate) {
        return candidate != null && candidate.startsWith("apt_");
    }

    @Override
    public AuthenticationResult authenticate(String username, String presentedToken, String clientAddress) {
        authenticateCalls.add(username + ":" + presentedToken);
        clientAddresses.add(String.valueOf(clientAddress));
        Supplier<AuthenticationResult> answer = answers.get(presentedToken);
        return answer == null
                ? AuthenticationResult.failure(AuthenticationResult.Reason.UNKNOWN_TOKEN, "unknownid", null)
                : answer.get();
    }

    @Override
    public CreatedToken create(String ownerKey, TokenRequest request, String createdByKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<TokenInfo> list(String userKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<TokenInfo> find(String tokenId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CreatedToken> rotate(String userKey, String tokenId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean rename(String userKey, String tokenId, String label) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean revoke(String userKey, String tokenId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int revokeAll(String userKey) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Page<TokenInfo> listAll(TokenQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean revokeAny(String tokenId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean prune(String tokenId, String reason) {
        throw new UnsupportedOperationException();
    }
}
