package dev.apitokens.host.jira.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.jira.user.ApplicationUser;
import com.atlassian.sal.api.user.UserManager;
import dev.apitokens.sal.host.StubSalUserManager;

import org.junit.jupiter.api.Test;

class JiraHostTest {

    /** SAL knows alice, bob and admin; only admin is an administrator; alice is in group developers. */
    private static final UserManager SAL = new StubSalUserManager();

    /** Jira's own users: alice active, bob deactivated; Jira does not know admin (a SAL-only user). */
    private static final com.atlassian.jira.user.util.UserManager JIRA = new com.atlassian.jira.user.util.UserManager() {
        @Override
        public ApplicationUser getUserByKey(String key) {
            return switch (key) {
                case "key-alice" -> user(key, true);
                case "key-bob" -> user(key, false);
                default -> null;
            };
        }

        @Override
        public int getTotalUserCount() {
            return 7;
        }
    };

    private static ApplicationUser user(String key, boolean active) {
        return new ApplicationUser() {
            public String getKey() {
                return key;
            }

            public String getUsername() {
                return key.substring(4);
            }

            public String getDisplayName() {
                return key;
            }

            public boolean isActive() {
                return active;
            }
        };
    }

    private final JiraHost host = new JiraHost(SAL, JIRA, (result, request, response) -> {
    });

    @Test
    void activeIsJirasApplicationUserIsActive() {
        assertTrue(host.findByName("alice").orElseThrow().active());
        assertFalse(host.findByName("bob").orElseThrow().active());
        assertFalse(host.findByKey("key-admin").orElseThrow().active(), "a user Jira does not know is not active");
    }

    @Test
    void namesAndAdminsComeFromSal() {
        var admin = host.findByKey("key-admin").orElseThrow();
        assertEquals("admin", admin.name());
        assertEquals("Full admin", admin.displayName());
        assertTrue(admin.admin());
        assertFalse(host.findByName("alice").orElseThrow().admin());
        assertFalse(host.findByName("nobody").isPresent());
        assertEquals(7, host.activeUserCount());
    }

    @Test
    void groupsAndEmailComeFromSal() {
        assertTrue(host.isMemberOf("key-alice", "developers"));
        assertFalse(host.isMemberOf("key-bob", "developers"));
        assertFalse(host.isMemberOf("key-alice", ""), "no group name is no membership");
        assertEquals("alice@example.com", host.findByName("alice").orElseThrow().email());
        assertEquals(null, host.findByName("bob").orElseThrow().email());
    }
}
