package dev.apitokens.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Real HTTP requests to the framework's whiteboard port, as a script with {@code curl --user} would send them. */
public final class RestClient {

    /** A response, printable in assertion messages. */
    public record Response(int status, String body) {

        /** A top-level string field of a JSON object body, or {@code null}; enough for the few fields tests read. */
        public String field(String name) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public RestClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** HTTP Basic credentials: a password or, in the password's place, a token. */
    public static String basic(String username, String secret) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public Response get(String path, String authorization) {
        return send(request(path, authorization).GET());
    }

    public Response postJson(String path, String json, String authorization) {
        return send(request(path, authorization).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json)));
    }

    public Response delete(String path, String authorization) {
        return send(request(path, authorization).DELETE());
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                // the REST layer's anti-CSRF check lets scripted clients through with this header
                .header("X-Atlassian-Token", "no-check");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            var response = client.send(request, BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
