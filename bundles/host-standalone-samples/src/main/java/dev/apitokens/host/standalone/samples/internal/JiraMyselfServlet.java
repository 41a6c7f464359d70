package dev.apitokens.host.standalone.samples.internal;

import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.RequestUser;
import java.util.List;
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
 * Jira's {@code GET /rest/api/2/myself}: the logged-in user in Jira's shape, plus {@code authenticatedBy}
 * (TOKEN, PASSWORD or SESSION) and, for a token, {@code tokenId}, so a script can see who it is and how.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletName("api-tokens-standalone-myself")
@HttpWhiteboardServletPattern({ "/rest/api/2/myself", "/rest/api/latest/myself" })
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=default)")
public class JiraMyselfServlet extends AuthenticatedJsonServlet {

    private static final long serialVersionUID = 1L;

    @Activate
    public JiraMyselfServlet(@Reference HostLogin login) {
        super(login);
    }

    @Override
    Object body(HttpServletRequest request, RequestUser current) {
        HostUser user = current.user();
        Map<String, Object> body = JsonResponse.object(
                "self", BaseUrl.of(request) + "/rest/api/2/user?username=" + user.name(),
                "key", user.key(),
                "name", user.name(),
                "displayName", user.displayName(),
                "active", user.active(),
                "groups", Map.of("size", user.admin() ? 2 : 1,
                        "items", user.admin() ? List.of(group("jira-users"), group("jira-administrators"))
                                : List.of(group("jira-users"))));
        addAuthentication(body, current);
        return body;
    }

    private static Map<String, Object> group(String name) {
        return Map.of("name", name);
    }
}
