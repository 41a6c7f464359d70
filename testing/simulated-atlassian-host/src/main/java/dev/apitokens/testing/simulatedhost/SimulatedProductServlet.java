package dev.apitokens.testing.simulatedhost;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The simulated product's own REST resources under {@code /rest/*}: {@code GET /rest/api/2/myself} answers who the
 * request runs as (401 when nobody), like Jira's resource of that name; anything else is 404.
 */
final class SimulatedProductServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"/api/2/myself".equals(request.getPathInfo())) {
            response.sendError(404);
            return;
        }
        String user = SimulatedSeraph.requestUser(request);
        if (user == null) {
            response.sendError(401);
            return;
        }
        response.setContentType("application/json");
        response.getWriter().write("{\"name\":\"" + user + "\",\"remoteUser\":\"" + request.getRemoteUser() + "\"}");
    }
}
