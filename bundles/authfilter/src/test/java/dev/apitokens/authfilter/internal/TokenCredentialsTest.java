package dev.apitokens.authfilter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import dev.apitokens.authfilter.internal.TokenCredentials.Kind;

class TokenCredentialsTest {

    private static final Predicate<String> OURS = candidate -> candidate.startsWith("apt_");

    private static String basic(String userColonPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicWithOurTokenNamesUserAndToken() {
        assertEquals(new TokenCredentials(Kind.TOKEN, "alice", "apt_x"), TokenCredentials.read(basic("alice:apt_x"), OURS));
    }

    @Test
    void basicWithPasswordIsNotOurs() {
        assertTrue(TokenCredentials.read(basic("alice:secret:with:colons"), OURS).kind() == Kind.NOT_OURS);
    }

    @Test
    void passwordMayContainColonsAfterTheFirst() {
        Predicate<String> any = candidate -> true;
        assertEquals("a:b", TokenCredentials.read(basic("u:a:b"), any).token());
    }

    @Test
    void emptyBasicUsernameLetsTheTokenNameItsOwner() {
        assertEquals(null, TokenCredentials.read(basic(":apt_x"), OURS).username());
    }

    @Test
    void bearerIsCaseInsensitiveAndTrimmed() {
        assertEquals(new TokenCredentials(Kind.TOKEN, null, "apt_y"), TokenCredentials.read("  bearer   apt_y ", OURS));
    }

    @Test
    void foreignBearerTokenIsNotOurs() {
        assertTrue(TokenCredentials.read("Bearer NjM0MzI5OTk4NzY1OnRva2Vu", OURS).kind() == Kind.NOT_OURS);
    }

    @Test
    void garbageIsNotOurs() {
        assertTrue(TokenCredentials.read(null, OURS).kind() == Kind.NOT_OURS);
        assertTrue(TokenCredentials.read("", OURS).kind() == Kind.NOT_OURS);
        assertTrue(TokenCredentials.read("Basic", OURS).kind() == Kind.NOT_OURS);
        assertTrue(TokenCredentials.read("Basic !!!not-base64", OURS).kind() == Kind.NOT_OURS);
        assertTrue(TokenCredentials.read(basic("no-colon-apt_x"), OURS).kind() == Kind.NOT_OURS);
        assertTrue(TokenCredentials.read("Digest username=\"apt_x\"", OURS).kind() == Kind.NOT_OURS);
    }

    @Test
    void toStringHidesTheToken() {
        assertFalse(new TokenCredentials(Kind.TOKEN, "alice", "apt_secret").toString().contains("apt_secret"));
    }

    @Test
    void tokenInTheUsernamePlaceIsNoticed() {
        assertTrue(TokenCredentials.read(basic("apt_x:"), OURS).kind() == Kind.TOKEN_AS_USERNAME);
        assertTrue(TokenCredentials.read("basic " + basic("apt_x:x-oauth-basic").substring(6), OURS).kind() == Kind.TOKEN_AS_USERNAME);
        assertFalse(TokenCredentials.read(basic("alice:apt_x"), OURS).kind() == Kind.TOKEN_AS_USERNAME);
        assertFalse(TokenCredentials.read(basic("alice:password"), OURS).kind() == Kind.TOKEN_AS_USERNAME);
        assertFalse(TokenCredentials.read(basic("apt_x"), OURS).kind() == Kind.TOKEN_AS_USERNAME, "no colon: not Basic credentials");
        assertFalse(TokenCredentials.read("Bearer apt_x", OURS).kind() == Kind.TOKEN_AS_USERNAME);
        assertFalse(TokenCredentials.read("Basic !!!", OURS).kind() == Kind.TOKEN_AS_USERNAME);
        assertFalse(TokenCredentials.read(null, OURS).kind() == Kind.TOKEN_AS_USERNAME);
    }
}
