package dev.apitokens.host.confluence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.confluence.user.UserAccessor;
import com.atlassian.sal.api.user.UserManager;
import dev.apitokens.sal.host.StubSalUserManager;

import org.junit.jupiter.api.Test;

class ConfluenceHostTest {

    /** SAL knows alice, bob and admin; only admin is an administrator; alice is in group developers. */
    private static final UserManager SAL = new StubSalUserManager();

    /** Confluence's user accessor: bob is deactivated. */
    private static final UserAccessor ACCESSOR = new UserAccessor() {
        @Override
        public boolean isDeactivated(String username) {
            return username.equals("bob");
        }

        @Override
        public int countLicenseConsumingUsers() {
            return 5;
        }
    };

    private final ConfluenceHost host = new ConfluenceHost(SAL, ACCESSOR, (result, request, response) -> {
    });

    @Test
    void activeUnlessConfluenceSaysDeactivated() {
        assertTrue(host.findByName("alice").orElseThrow().active());
        assertFalse(host.findByName("bob").orElseThrow().active());
    }

    @Test
    void namesAndAdminsComeFromSal() {
        var admin = host.findByKey("key-admin").orElseThrow();
        assertEquals("admin", admin.name());
        assertEquals("Full admin", admin.displayName());
        assertTrue(admin.admin());
        assertFalse(host.findByName("alice").orElseThrow().admin());
        assertFalse(host.findByName("nobody").isPresent());
        assertEquals(5, host.activeUserCount());
    }
}
