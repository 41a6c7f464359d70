package dev.apitokens.host.standalone.users.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoginDestinationTest {

    private static final String FALLBACK = "/secure/ViewProfile.jspa";

    @Test
    void keepsPathsOnThisServer() {
        assertEquals("/secure/admin/ApiTokens.jspa?user=bob&sort=user",
                LoginDestination.safe("/secure/admin/ApiTokens.jspa?user=bob&sort=user", FALLBACK));
        assertEquals("/", LoginDestination.safe("/", FALLBACK));
    }

    @Test
    void refusesEverythingThatCouldLeaveTheSite() {
        for (String evil : new String[] { "https://evil.example/", "//evil.example/x", "/\\evil.example",
                "javascript:alert(1)", "evil.example", "/secure\r\nSet-Cookie: x=y", "/a\tb", "", " /secure" }) {
            assertEquals(FALLBACK, LoginDestination.safe(evil, FALLBACK), evil);
        }
        assertEquals(FALLBACK, LoginDestination.safe(null, FALLBACK));
        assertEquals(FALLBACK, LoginDestination.safe("/" + "a".repeat(3000), FALLBACK));
    }
}
