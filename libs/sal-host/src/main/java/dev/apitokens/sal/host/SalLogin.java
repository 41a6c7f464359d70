package dev.apitokens.sal.host;

import com.atlassian.sal.api.auth.AuthenticationListener;
import com.atlassian.sal.api.auth.Authenticator;
import com.atlassian.sal.api.message.Message;
import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.RequestUser;
import java.io.Serializable;
import java.security.Principal;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@link HostLogin} through SAL, as Atlassian's own personal access token filter does it: a token request is
 * logged in with {@code AuthenticationListener.authenticationSuccess} (in Jira and Confluence that is Seraph's
 * listener, which makes the user the request's user for the rest of the request), and the request's user is
 * read back with SAL's {@code UserManager.getRemoteUser(request)}.
 *
 * <p>SAL's listener wants the response too, which {@link HostLogin#proceedAs} does not pass: the plugin's filter
 * module ({@link dev.apitokens.sal.host.modules.TokenFilterModule}) puts it in the request attribute
 * {@value #RESPONSE_ATTRIBUTE} before the token filter runs. The attribute {@value #TOKEN_ATTRIBUTE} marks a token
 * login (its value is the token id), so the module can drop any session the login created and
 * {@link #currentUser} can say {@link RequestUser.Method#TOKEN}.
 */
public final class SalLogin implements HostLogin {

    public static final String RESPONSE_ATTRIBUTE = "dev.apitokens.sal.response";
    public static final String TOKEN_ATTRIBUTE = "dev.apitokens.sal.tokenId";

    private final SalUsers users;
    private final AuthenticationListener listener;

    public SalLogin(SalUsers users, AuthenticationListener listener) {
        this.users = users;
        this.listener = listener;
    }

    @Override
    public HttpServletRequest proceedAs(HostUser user, String tokenId, HttpServletRequest request) {
        HttpServletResponse response = (HttpServletResponse) request.getAttribute(RESPONSE_ATTRIBUTE);
        if (response == null) {
            throw new IllegalStateException("no response in attribute " + RESPONSE_ATTRIBUTE
                    + ": the token filter must run inside the plugin's TokenFilterModule");
        }
        request.setAttribute(TOKEN_ATTRIBUTE, tokenId);
        Principal principal = new NamedPrincipal(user.name());
        listener.authenticationSuccess(new Authenticator.Result.Success(new TokenLoginMessage(tokenId), principal),
                request, response);
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteUser() {
                return user.name();
            }

            @Override
            public Principal getUserPrincipal() {
                return principal;
            }
        };
    }

    @Override
    public Optional<RequestUser> currentUser(HttpServletRequest request) {
        Optional<dev.apitokens.host.spi.HostUser> user = users.toHostUser(users.userManager().getRemoteUser(request));
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Object tokenId = request.getAttribute(TOKEN_ATTRIBUTE);
        if (tokenId instanceof String id) {
            return Optional.of(new RequestUser(user.get(), RequestUser.Method.TOKEN, id));
        }
        String authorization = request.getHeader("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        return Optional.of(new RequestUser(user.get(),
                basic ? RequestUser.Method.PASSWORD : RequestUser.Method.SESSION, null));
    }

    private record NamedPrincipal(String getName) implements Principal {
    }

    /** The message of the login result: names the token id, never the secret. */
    private record TokenLoginMessage(String tokenId) implements Message {

        @Override
        public String getKey() {
            return "apitokens.login.token";
        }

        @Override
        public Serializable[] getArguments() {
            return new Serializable[] { tokenId };
        }
    }
}
