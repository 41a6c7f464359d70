package dev.apitokens.host.standalone.samples.internal;

import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.RequestUser;
import dev.apitokens.http.support.BaseUrl;
import java.util.Map;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;


/**
 * Confluence's {@code GET /rest/api/user/current}: the logged-in user in Confluence's shape ({@code type},
 * {@code username}, {@code userKey}, ...), plus {@code name}, {@code key}, {@code authenticatedBy} and
 * {@code tokenId} as {@link JiraMyselfServlet} gives them.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("api-tokens-standalone-current-user")
@HttpWhiteboardServletPattern("/rest/api/user/current")
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=default)")
public class ConfluenceCurrentUserServlet extends AuthenticatedJsonServlet {

    private static final long serialVersionUID = 1L;

    @Activate
    public ConfluenceCurrentUserServlet(@Reference HostLogin login) {
        super(login);
    }

    @Override
    Object body(HttpServletRequest request, RequestUser current) {
        HostUser user = current.user();
        String base = BaseUrl.of(request);
        Map<String, Object> body = JsonResponse.object(
                "type", "known",
                "username", user.name(),
                "userKey", user.key(),
                "displayName", user.displayName(),
                "name", user.name(),
                "key", user.key(),
                "_links", Map.of("base", base, "context", request.getContextPath(),
                        "self", base + "/rest/api/user?key=" + user.key()));
        addAuthentication(body, current);
        return body;
    }
}
