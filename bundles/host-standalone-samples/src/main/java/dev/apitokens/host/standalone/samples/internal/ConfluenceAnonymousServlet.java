package dev.apitokens.host.standalone.samples.internal;

import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.RequestUser;
import dev.apitokens.http.support.BaseUrl;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;


/**
 * Confluence's {@code GET /rest/api/user/anonymous}, the endpoint of the original product's curl example: how
 * Confluence shows the anonymous user. The standalone host allows no anonymous access, so like a Confluence with
 * anonymous access off it answers logged-in users only. Registered by the sample endpoints component when configured.
 */
final class ConfluenceAnonymousServlet extends AuthenticatedJsonServlet {

    private static final long serialVersionUID = 1L;

    ConfluenceAnonymousServlet(HostLogin login) {
        super(login);
    }
    static final String[] PATTERNS = { "/rest/api/user/anonymous" };

    @Override
    Object body(HttpServletRequest request, RequestUser user) {
        String base = BaseUrl.of(request);
        return JsonResponse.object(
                "type", "anonymous",
                "profilePicture", Map.of("path", "/images/icons/profilepics/anonymous.svg", "width", 48,
                        "height", 48, "isDefault", true),
                "displayName", "Anonymous",
                "_links", Map.of("base", base, "context", request.getContextPath(),
                        "self", base + "/rest/api/user/anonymous"));
    }
}
