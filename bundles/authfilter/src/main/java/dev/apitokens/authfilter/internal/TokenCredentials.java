package dev.apitokens.authfilter.internal;

import dev.apitokens.http.support.BasicCredentials;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What an {@code Authorization} header presents, read once: one of our tokens ({@code Basic base64(username:token)}
 * or {@code Bearer token}), one of our tokens in the Basic username place, or nothing of ours.
 *
 * @param kind what the header presents
 * @param username the Basic username, or {@code null} for Bearer (and for Basic with an empty username), when the
 *        token has to name its owner itself; {@code null} unless {@code kind} is {@link Kind#TOKEN}
 * @param token the token as the client sent it; {@code null} unless {@code kind} is {@link Kind#TOKEN}
 */
record TokenCredentials(Kind kind, String username, String token) {

    enum Kind {
        /** One of our tokens, as the Basic password or the Bearer token. */
        TOKEN,
        /**
         * One of our tokens as the Basic username ({@code --user token:} or {@code --user token:anything}). Such a
         * request must not reach the host's password login, which would take the token for a username and may
         * write it to its log.
         */
        TOKEN_AS_USERNAME,
        /**
         * Nothing of ours: no header, another scheme, undecodable Basic, a password, a foreign Bearer token (such as
         * Jira's own personal access tokens). The host's own login must see the request untouched.
         */
        NOT_OURS
    }

    private static final TokenCredentials NOT_OURS = new TokenCredentials(Kind.NOT_OURS, null, null);
    private static final TokenCredentials TOKEN_AS_USERNAME = new TokenCredentials(Kind.TOKEN_AS_USERNAME, null, null);

    /** Never prints the token. */
    @Override
    public String toString() {
        return "TokenCredentials[" + kind + ", " + username + ", token=" + (token == null ? null : "<hidden>") + "]";
    }

    /**
     * Reads the header.
     *
     * @param isOurFormat the cheap syntactic check of the token format (no store or hash work)
     */
    static TokenCredentials read(String header, Predicate<String> isOurFormat) {
        if (header == null) {
            return NOT_OURS;
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space > 0 && value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            String token = value.substring(space + 1).strip();
            return isOurFormat.test(token) ? new TokenCredentials(Kind.TOKEN, null, token) : NOT_OURS;
        }
        Optional<BasicCredentials> basic;
        try {
            basic = BasicCredentials.parse(header);
        } catch (BasicCredentials.MalformedException e) {
            return NOT_OURS; // the host's login refuses it, and says why
        }
        if (basic.isEmpty()) {
            return NOT_OURS;
        }
        String password = new String(basic.get().password());
        basic.get().clear();
        String username = basic.get().username();
        if (isOurFormat.test(password)) {
            return new TokenCredentials(Kind.TOKEN, username.isBlank() ? null : username, password);
        }
        return isOurFormat.test(username.strip()) ? TOKEN_AS_USERNAME : NOT_OURS;
    }

    /** Whether the header presents a token of ours, in either place. */
    boolean isOurs() {
        return kind != Kind.NOT_OURS;
    }
}
