package dev.apitokens.host.standalone.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.apitokens.http.support.JsonMessage;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON bodies of the host's endpoints; errors are {@code {"message": "..."}} like the rest of api-tokens. */
final class JsonResponse {

    static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponse() {
    }

    /** Who-am-I answers and errors are per user: {@code no-store}, never from a shared cache. */
    static void send(HttpServletResponse response, int status, Object body) throws IOException {
        JsonMessage.sendJson(response, status, JSON.writeValueAsBytes(body));
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        JsonMessage.send(response, status, message);
    }

    /** 401 for an endpoint that needs a logged-in user, with the challenges a client can answer. */
    static void notAuthenticated(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.addHeader("WWW-Authenticate", "Basic realm=\"" + AuthenticatedRequest.realm(request) + "\"");
        error(response, HttpServletResponse.SC_UNAUTHORIZED,
                "You are not authenticated. Authentication required to perform this operation.");
    }

    /** Fields in the order given (Jackson writes a map in its iteration order). */
    static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** The base URL the client used, e.g. {@code http://localhost:8080}, for the {@code self} links. */
    static String baseUrl(HttpServletRequest request) {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + request.getContextPath();
    }
}
