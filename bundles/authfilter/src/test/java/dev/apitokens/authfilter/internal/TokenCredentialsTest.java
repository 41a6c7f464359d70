package dev.apitokens.authfilter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

class TokenCredentialsTest {

    private static final Predicate<String> OURS = candidate -> candidate.startsWith("apt_");

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicWithOurTokenNamesUserAndToken() {
        Optional<TokenCredentials> credentials = TokenCredentials.fromAuthorizationHeader(basic("alice:apt_x"), OURS);
        assertEquals(new TokenCredentials("alice", "apt_x"), credentials.orElseThrow());
    }

    @Test
    void basicWithPasswordIsNotOurs() {
        assertTrue(TokenCredentials.fromAuthorizationHeader(basic("alice:secret:with:colons"), OURS).isEmpty());
    }

    @Test
    void passwordMayContainColonsAfterTheFirst() {
        Predicate<String> any = candidate -> true;
        assertEquals("a:b", TokenCredentials.fromAuthorizationHeader(basic("u:a:b"), any).orElseThrow().token());
    }

    @Test
    void emptyBasicUsernameLetsTheTokenNameItsOwner() {
        assertEquals(null, TokenCredentials.fromAuthorizationHeader(basic(":apt_x"), OURS).orElseThrow().username());
    }

    @Test
    void bearerIsCaseInsensitiveAndTrimmed() {
        TokenCredentials credentials = TokenCredentials.fromAuthorizationHeader("  bearer   apt_y ", OURS).orElseThrow();
        assertEquals(new TokenCredentials(null, "apt_y"), credentials);
    }

    @Test
    void foreignBearerTokenIsNotOurs() {
        assertTrue(TokenCredentials.fromAuthorizationHeader("Bearer NjM0MzI5OTk4NzY1OnRva2Vu", OURS).isEmpty());
    }

    @Test
    void garbageIsNotOurs() {
        assertTrue(TokenCredentials.fromAuthorizationHeader(null, OURS).isEmpty());
        assertTrue(TokenCredentials.fromAuthorizationHeader("", OURS).isEmpty());
        assertTrue(TokenCredentials.fromAuthorizationHeader("Basic", OURS).isEmpty());
        assertTrue(TokenCredentials.fromAuthorizationHeader("Basic !!!not-base64", OURS).isEmpty());
        assertTrue(TokenCredentials.fromAuthorizationHeader(basic("no-colon-apt_x"), OURS).isEmpty());
        assertTrue(TokenCredentials.fromAuthorizationHeader("Digest username=\"apt_x\"", OURS).isEmpty());
    }

    @Test
    void toStringHidesTheToken() {
        assertFalse(new TokenCredentials("alice", "apt_secret").toString().contains("apt_secret"));
    }

    @Test
    void tokenInTheUsernamePlaceIsNoticed() {
        assertTrue(TokenCredentials.hasTokenAsUsername(basic("apt_x:"), OURS));
        assertTrue(TokenCredentials.hasTokenAsUsername("basic " + basic("apt_x:x-oauth-basic").substring(6), OURS));
        assertFalse(TokenCredentials.hasTokenAsUsername(basic("alice:apt_x"), OURS));
        assertFalse(TokenCredentials.hasTokenAsUsername(basic("alice:password"), OURS));
        assertFalse(TokenCredentials.hasTokenAsUsername(basic("apt_x"), OURS), "no colon: not Basic credentials");
        assertFalse(TokenCredentials.hasTokenAsUsername("Bearer apt_x", OURS));
        assertFalse(TokenCredentials.hasTokenAsUsername("Basic !!!", OURS));
        assertFalse(TokenCredentials.hasTokenAsUsername(null, OURS));
    }
}
