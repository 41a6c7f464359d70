package dev.apitokens.authfilter.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A token presented in an {@code Authorization} header: {@code Basic base64(username:token)} or
 * {@code Bearer token}.
 *
 * @param username the Basic username, or {@code null} for Bearer (and for Basic with an empty username), when the
 *        token has to name its owner itself
 * @param token the token as the client sent it
 */
record TokenCredentials(String username, String token) {

    /** Never prints the token. */
    @Override
    public String toString() {
        return "TokenCredentials[" + username + ", token=<hidden>]";
    }

    /**
     * Reads the header, if it carries one of our tokens. Anything else (no header, another scheme, undecodable
     * Basic, a password or a foreign Bearer token that is not in our format) is not ours: the host's own login
     * (passwords, Jira's own personal access tokens) must see the request untouched.
     *
     * @param isOurFormat the cheap syntactic check of the token format (no store or hash work)
     */
    static Optional<TokenCredentials> fromAuthorizationHeader(String header, Predicate<String> isOurFormat) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        String rest = value.substring(space + 1).strip();
        if (scheme.equals("bearer")) {
            return isOurFormat.test(rest) ? Optional.of(new TokenCredentials(null, rest)) : Optional.empty();
        }
        if (!scheme.equals("basic")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(rest), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        if (!isOurFormat.test(password)) {
            return Optional.empty();
        }
        return Optional.of(new TokenCredentials(username.isBlank() ? null : username, password));
    }
}
