package dev.apitokens.sal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.sal.api.auth.AuthenticationListener;
import com.atlassian.sal.api.auth.Authenticator;
import com.atlassian.sal.api.user.UserKey;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.user.UserProfile;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.RequestUser;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;

class SalLoginTest {

    /** A request that keeps attributes and has the given Authorization header. */
    static HttpServletRequest request(String authorization) {
        Map<String, Object> attributes = new HashMap<>();
        return (HttpServletRequest) Proxy.newProxyInstance(SalLoginTest.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getAttribute" -> attributes.get(args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "removeAttribute" -> attributes.remove(args[0]);
                    case "getHeader" -> "Authorization".equals(args[0]) ? authorization : null;
                    case "getRemoteUser" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(SalLoginTest.class.getClassLoader(),
                new Class<?>[] { HttpServletResponse.class }, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private final List<Authenticator.Result> logins = new ArrayList<>();
    private final AuthenticationListener listener = (result, request, response) -> {
        logins.add(result);
        request.setAttribute("user", result.getPrincipal().getName());
    };
    private final SalUsers users = new SalUsers(new StubSalUserManager(), profile -> true, () -> 2);
    private final SalLogin login = new SalLogin(users, listener);
    private final HostUser alice = new HostUser("key-alice", "alice", "Full alice", true, false);

    @Test
    void aTokenLoginGoesThroughSalsListenerAndIsReportedAsToken() {
        HttpServletRequest request = request("Bearer x");
        request.setAttribute(SalLogin.RESPONSE_ATTRIBUTE, response());

        HttpServletRequest continued = login.proceedAs(alice, "tokenid123", request);

        assertEquals(1, logins.size());
        assertTrue(logins.get(0) instanceof Authenticator.Result.Success);
        assertEquals("alice", logins.get(0).getPrincipal().getName());
        assertEquals("alice", continued.getRemoteUser());
        assertEquals("alice", continued.getUserPrincipal().getName());
        RequestUser current = login.currentUser(request).orElseThrow();
        assertEquals(RequestUser.Method.TOKEN, current.method());
        assertEquals("tokenid123", current.tokenId());
        assertEquals("key-alice", current.user().key());
    }

    @Test
    void withoutTheResponseFromTheFilterModuleNobodyIsLoggedIn() {
        assertThrows(IllegalStateException.class, () -> login.proceedAs(alice, "tokenid123", request(null)));
        assertTrue(logins.isEmpty());
    }

    @Test
    void hostLoginsAreReportedAsPasswordOrSession() {
        HttpServletRequest basic = request("Basic YWxpY2U6cHc=");
        basic.setAttribute("user", "alice");
        assertEquals(RequestUser.Method.PASSWORD, login.currentUser(basic).orElseThrow().method());
        HttpServletRequest session = request(null);
        session.setAttribute("user", "admin");
        RequestUser admin = login.currentUser(session).orElseThrow();
        assertEquals(RequestUser.Method.SESSION, admin.method());
        assertTrue(admin.user().admin());
        assertFalse(login.currentUser(request(null)).isPresent());
    }

    @Test
    void usersComeFromSalWithTheAdapterDecidingWhoIsActive() {
        SalUsers nobodyActive = new SalUsers(new StubSalUserManager(), profile -> false, () -> 0);
        HostUser found = nobodyActive.findByName("alice").orElseThrow();
        assertEquals("key-alice", found.key());
        assertEquals("Full alice", found.displayName());
        assertFalse(found.active());
        assertFalse(found.admin());
        assertTrue(nobodyActive.findByKey("key-admin").orElseThrow().admin());
        assertFalse(nobodyActive.findByName("mallory").isPresent());
        assertFalse(nobodyActive.findByName("").isPresent());
        assertFalse(nobodyActive.findByKey(null).isPresent());
        assertEquals(2, users.activeUserCount());
    }
}
