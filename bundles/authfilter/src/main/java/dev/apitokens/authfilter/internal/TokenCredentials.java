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
        return basicUserAndPassword(header).filter(pair -> isOurFormat.test(pair[1]))
                .map(pair -> new TokenCredentials(pair[0].isBlank() ? null : pair[0], pair[1]));
    }

    /**
     * Whether the header is HTTP Basic with one of our tokens in the username place ({@code --user token:} or
     * {@code --user token:anything}). Such a request must not reach the host's password login, which would take
     * the token for a username and may write it to its log.
     */
    static boolean hasTokenAsUsername(String header, Predicate<String> isOurFormat) {
        return basicUserAndPassword(header).filter(pair -> isOurFormat.test(pair[0].strip())).isPresent();
    }

    /** The username and password of an HTTP Basic header; empty for another scheme or undecodable Basic. */
    private static Optional<String[]> basicUserAndPassword(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space <= 0 || !value.substring(0, space).equalsIgnoreCase("basic")) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(space + 1).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) });
    }
}
