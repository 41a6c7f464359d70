package dev.apitokens.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a create request asks for. The token service validates it (see {@link TokenService#create(String,
 * TokenRequest, String)}); this record only normalises: {@code null} lists become empty ones, {@code null} scope
 * becomes {@link TokenScope#WRITE}.
 *
 * @param label what the token is for; trimmed by the service, then 1 to {@link TokenService#MAX_LABEL_LENGTH}
 *        characters
 * @param expiresAt when the token stops working, or {@code null} for never (an admin policy may give a default or
 *        require one); must be in the future
 * @param scopes what the token may do: {@code {READ}} or {@code {WRITE}} (everything, the default)
 * @param allowedPaths URL path prefixes the token is limited to, each starting with {@code /} (e.g.
 *        {@code /rest/api/2/issue}); empty for no limit. A prefix matches whole path segments: {@code /rest/api}
 *        allows {@code /rest/api} and {@code /rest/api/2/...}, not {@code /rest/apix}
 * @param allowedIps client addresses the token is accepted from, IPv4 or IPv6 addresses or CIDR ranges
 *        ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, see {@link IpRange}); empty for anywhere
 * @since 1.2.0
 */
public record TokenRequest(String label, Instant expiresAt, Set<TokenScope> scopes, List<String> allowedPaths,
        List<String> allowedIps) {

    public TokenRequest {
        scopes = Set.of(TokenScope.of(scopes));
        allowedPaths = allowedPaths == null ? List.of() : List.copyOf(allowedPaths);
        allowedIps = allowedIps == null ? List.of() : List.copyOf(allowedIps);
    }

    /** A request with write scope and no restrictions: what the original product's create request means. */
    public static TokenRequest of(String label, Instant expiresAt) {
        return new TokenRequest(label, expiresAt, Set.of(TokenScope.WRITE), List.of(), List.of());
    }

    /** The same request with another expiry (for a policy that gives a default lifetime). */
    public TokenRequest withExpiresAt(Instant newExpiresAt) {
        return new TokenRequest(label, newExpiresAt, scopes, allowedPaths, allowedIps);
    }

    /** The same request with another label. */
    public TokenRequest withLabel(String newLabel) {
        return new TokenRequest(newLabel, expiresAt, scopes, allowedPaths, allowedIps);
    }

    /** The one scope of the token (the only element of {@link #scopes()}). */
    public TokenScope scope() {
        return scopes.iterator().next();
    }

    /** Whether the token is limited to some paths or addresses. */
    public boolean isRestricted() {
        return !allowedPaths.isEmpty() || !allowedIps.isEmpty();
    }
}
