package dev.apitokens.host.confluence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.confluence.user.UserAccessor;
import com.atlassian.sal.api.user.UserKey;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.user.UserProfile;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

class ConfluenceHostTest {

    /** SAL knows alice, bob and admin; only admin is an administrator. */
    private static final UserManager SAL = new UserManager() {
        @Override
        public UserProfile getUserProfile(String name) {
            return Map.of("alice", 1, "bob", 2, "admin", 3).containsKey(name) ? profile(name) : null;
        }

        @Override
        public UserProfile getUserProfile(UserKey key) {
            return getUserProfile(key.getStringValue().replace("key-", ""));
        }

        @Override
        public boolean isAdmin(UserKey key) {
            return key.getStringValue().equals("key-admin");
        }

        @Override
        public boolean isSystemAdmin(UserKey key) {
            return false;
        }

        @Override
        public UserProfile getRemoteUser(HttpServletRequest request) {
            return null;
        }
    };

    private static UserProfile profile(String name) {
        return new UserProfile() {
            public UserKey getUserKey() {
                return new UserKey("key-" + name);
            }

            public String getUsername() {
                return name;
            }

            public String getFullName() {
                return "Full " + name;
            }
        };
    }

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
