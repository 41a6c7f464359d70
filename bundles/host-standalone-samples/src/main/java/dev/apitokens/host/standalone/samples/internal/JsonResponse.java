package dev.apitokens.host.standalone.samples.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.apitokens.http.support.JsonMessage;

import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON bodies of the sample endpoints; errors are {@code {"message": "..."}} like the rest of api-tokens. */
final class JsonResponse {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponse() {
    }

    /** Who-am-I answers are per user: {@code no-store}, never from a shared cache. */
    static void send(HttpServletResponse response, int status, Object body) throws IOException {
        JsonMessage.sendJson(response, status, JSON.writeValueAsBytes(body));
    }

    /** Fields in the order given (Jackson writes a map in its iteration order). */
    static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }
}
