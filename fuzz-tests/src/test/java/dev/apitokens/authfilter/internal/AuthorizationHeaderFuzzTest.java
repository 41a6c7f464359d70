package dev.apitokens.authfilter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Predicate;

import dev.apitokens.authfilter.internal.TokenCredentials.Kind;

/**
 * The {@code Authorization} header reader of the token filter: it never throws, takes only what passes the
 * format check, hands over exactly what the client sent, and reads back every header a client builds.
 */
class AuthorizationHeaderFuzzTest {

    /** Stands in for the token format check; cheap and easy for the fuzzer to satisfy. */
    private static final Predicate<String> OURS = candidate -> candidate.startsWith("atok");

    @FuzzTest
    void read(byte[] input) {
        // The input is a header as the container decoded it; split at a NUL, also a username and a token.
        String header = new String(input, StandardCharsets.UTF_8);
        int nul = header.indexOf('\0');
        String user = nul < 0 ? "" : header.substring(0, nul);
        String token = header.substring(nul + 1);

        TokenCredentials read = TokenCredentials.read(header, OURS);
        if (read.kind() == Kind.TOKEN) {
            assertSentBy(header, read);
        }

        // What curl and clients build must be read back as sent.
        if (OURS.test(token) && token.equals(token.strip()) && encodable(token)) {
            assertEquals(new TokenCredentials(Kind.TOKEN, null, token), TokenCredentials.read("Bearer " + token, OURS));
        }
        if (OURS.test(token) && encodable(user) && encodable(token) && user.indexOf(':') < 0
                && (user + token).chars().noneMatch(Character::isISOControl)) {
            String basic = "Basic " + base64(user + ":" + token);
            assertEquals(new TokenCredentials(Kind.TOKEN, user.isBlank() ? null : user, token),
                    TokenCredentials.read(basic, OURS));
            if (token.indexOf(':') < 0) { // a username ends at the first colon
                String swapped = "Basic " + base64(token + ":" + user);
                assertEquals(OURS.test(user) ? Kind.TOKEN : Kind.TOKEN_AS_USERNAME,
                        TokenCredentials.read(swapped, OURS).kind());
                assertEquals(Kind.TOKEN_AS_USERNAME, TokenCredentials.read("Basic " + base64(token + ":"), OURS).kind());
            }
        }
    }

    /** The credentials are in the header as the scheme puts them, and the token passed the format check. */
    private static void assertSentBy(String header, TokenCredentials credentials) {
        assertTrue(OURS.test(credentials.token()));
        assertNotEquals("", credentials.username());
        // never the token (the username may contain its text: a finding of a first version of this check)
        assertEquals("TokenCredentials[TOKEN, " + credentials.username() + ", token=<hidden>]", credentials.toString());
        String value = header.strip();
        int space = value.indexOf(' ');
        String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
        String rest = value.substring(space + 1).strip();
        if (scheme.equals("bearer")) {
            assertEquals(null, credentials.username());
            assertEquals(rest, credentials.token());
            return;
        }
        assertEquals("basic", scheme);
        String decoded = new String(Base64.getDecoder().decode(rest), StandardCharsets.UTF_8);
        String user = decoded.substring(0, decoded.indexOf(':'));
        assertEquals(user.isBlank() ? null : user, credentials.username());
        assertEquals(decoded.substring(user.length() + 1), credentials.token());
    }

    private static boolean encodable(String text) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
