package dev.apitokens.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few REST calls the load run makes besides the load itself: create and revoke a token, read its usage count.
 * The JSON answers are flat and tiny, so a pattern reads them (the benchmarks module has no JSON library).
 */
final class RestCalls {

    /** The root of the token REST API. */
    static final String TOKENS = "/rest/api-tokens/latest/";
    private static final Pattern SESSION_COOKIE = Pattern.compile("APITOKENS_SESSION=([^;]+)");

    /** A created token: its public id and the secret. */
    record Token(String id, String secret) {
    }

    private static final Pattern SECRET = Pattern.compile("\"passwordValue\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ALGORITHM = Pattern.compile("\"algorithm\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern USAGE = Pattern.compile("\"usageCount\"\\s*:\\s*(\\d+)");

    private final HttpClient client;
    private final URI base;

    RestCalls(HttpClient client, URI base) {
        this.client = client;
        this.base = base;
    }

    static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** The host's session cookie value after {@code POST /rest/auth/1/session} with the password. */
    String session(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(base.resolve("/rest/auth/1/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password
                        + "\"}", StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher cookie = SESSION_COOKIE.matcher(login.headers().firstValue("Set-Cookie").orElse(""));
        if (login.statusCode() != 200 || !cookie.find()) {
            throw new IllegalStateException("session login answered " + login.statusCode() + ": " + login.body());
        }
        return cookie.group(1);
    }

    HttpRequest.Builder request(String path, String authorization) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    int status(String path, String authorization) throws IOException, InterruptedException {
        return client.send(request(path, authorization).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** POST /rest/api-tokens/latest/ signed in with the password (a token may not mint tokens). */
    Token create(String passwordAuth, String label) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(TOKENS, passwordAuth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"" + label + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("creating a token answered " + response.statusCode() + ": " + response.body());
        }
        return new Token(group(ID, response.body()), group(SECRET, response.body()));
    }

    void revoke(String passwordAuth, String id) throws IOException, InterruptedException {
        int status = client.send(request(TOKENS + id, passwordAuth).DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 204) {
            throw new IOException("revoking token " + id + " answered " + status);
        }
    }

    /** The token's usageCount in GET /rest/api-tokens/latest/, empty when the list does not hold it. */
    OptionalLong usageCount(String passwordAuth, String id) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(TOKENS, passwordAuth).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("listing tokens answered " + response.statusCode() + ": " + response.body());
        }
        // Each element is a flat object: find the one naming this id, then its usageCount.
        Matcher element = Pattern.compile("\\{[^{}]*\"id\"\\s*:\\s*\"" + Pattern.quote(id) + "\"[^{}]*}")
                .matcher(response.body());
        if (!element.find()) {
            return OptionalLong.empty();
        }
        Matcher usage = USAGE.matcher(element.group());
        return usage.find() ? OptionalLong.of(Long.parseLong(usage.group(1))) : OptionalLong.empty();
    }

    /** The token's hash algorithm from the admin listing (the caller must be an administrator). */
    String algorithm(String adminAuth, String user, String id) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request(TOKENS + "admin/tokens?limit=1000&user="
                + user, adminAuth).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("the admin token listing answered " + response.statusCode() + ": "
                    + response.body());
        }
        Matcher element = Pattern.compile("\\{[^{}]*\"tokenId\"\\s*:\\s*\"" + Pattern.quote(id) + "\"[^{}]*}")
                .matcher(response.body());
        return element.find() ? group(ALGORITHM, element.group()) : "missing";
    }

    private static String group(Pattern pattern, String body) throws IOException {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IOException("unexpected answer: " + body);
        }
        return matcher.group(1);
    }
}
