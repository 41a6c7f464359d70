package dev.apitokens.host.standalone.samples.internal;

import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.RequestUser;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;


/**
 * Jira's {@code GET /rest/api/latest/configuration}, the endpoint of the original product's curl example: fixed
 * answers in Jira's shape, for a logged-in user. Registered by the sample endpoints component when configured.
 */
final class JiraConfigurationServlet extends AuthenticatedJsonServlet {

    private static final long serialVersionUID = 1L;

    JiraConfigurationServlet(HostLogin login) {
        super(login);
    }
    static final String[] PATTERNS = { "/rest/api/latest/configuration", "/rest/api/2/configuration" };

    @Override
    Object body(HttpServletRequest request, RequestUser user) {
        return JsonResponse.object(
                "votingEnabled", true,
                "watchingEnabled", true,
                "unassignedIssuesAllowed", false,
                "subTasksEnabled", true,
                "issueLinkingEnabled", true,
                "timeTrackingEnabled", true,
                "attachmentsEnabled", true,
                "timeTrackingConfiguration", Map.of("workingHoursPerDay", 8.0, "workingDaysPerWeek", 5.0,
                        "timeFormat", "pretty", "defaultUnit", "minute"));
    }
}
