package dev.apitokens.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain HTTP calls against a started {@link Distribution}, as curl would make them. */
public final class RestClient {

    /** A response: status, the {@code WWW-Authenticate} header if any, and the body. */
    public record Reply(int status, String wwwAuthenticate, String contentType, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON (status " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Distribution distribution;

    public RestClient(Distribution distribution) {
        this.distribution = distribution;
    }

    /** {@code method path} with an {@code Authorization} header (or none when {@code null}) and a JSON body. */
    public Reply call(String method, String path, String authorization, String jsonBody)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(distribution.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("WWW-Authenticate").orElse(null),
                response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    public Reply get(String path, String authorization) throws IOException, InterruptedException {
        return call("GET", path, authorization, null);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }
}
