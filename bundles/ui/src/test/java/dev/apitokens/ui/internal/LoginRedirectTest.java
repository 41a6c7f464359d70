package dev.apitokens.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoginRedirectTest {

    private static final String FALLBACK = "/secure/ViewProfile.jspa";

    @Test
    void keepsPathsOnThisServer() {
        assertEquals("/secure/admin/ApiTokens.jspa?user=bob&sort=user",
                LoginRedirect.safeDestination("/secure/admin/ApiTokens.jspa?user=bob&sort=user", FALLBACK));
        assertEquals("/", LoginRedirect.safeDestination("/", FALLBACK));
    }

    @Test
    void refusesEverythingThatCouldLeaveTheSite() {
        for (String evil : new String[] { "https://evil.example/", "//evil.example/x", "/\\evil.example",
                "javascript:alert(1)", "evil.example", "/secure\r\nSet-Cookie: x=y", "/a\tb", "", " /secure" }) {
            assertEquals(FALLBACK, LoginRedirect.safeDestination(evil, FALLBACK), evil);
        }
        assertEquals(FALLBACK, LoginRedirect.safeDestination(null, FALLBACK));
        assertEquals(FALLBACK, LoginRedirect.safeDestination("/" + "a".repeat(3000), FALLBACK));
    }
}
