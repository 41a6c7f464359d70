package dev.apitokens.rest.internal;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Reads request bodies and writes responses as JSON, with the checks every JSON endpoint needs. */
final class JsonCodec {

    private static final Logger LOG = LoggerFactory.getLogger(JsonCodec.class);

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            // A listing cut short by an error must stay visibly broken, not be closed into valid-looking JSON.
            .disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT)
            .build();
    private final int maxBodyBytes;

    JsonCodec(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * The request's body as a JSON object.
     *
     * @throws ApiError 415 unless the content type is {@code application/json}, 413 for a body over the limit,
     *         400 for anything that is not one well-formed JSON object
     */
    JsonNode readObject(HttpServletRequest request) throws IOException {
        String contentType = request.getContentType();
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw new ApiError(415, "Content-Type must be application/json");
        }
        if (request.getContentLengthLong() > maxBodyBytes) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            // A bad chunk, a body shorter than its Content-Length, a client gone or too slow: the client's doing.
            LOG.info("Unreadable request body of {} {}: {}", request.getMethod(), request.getRequestURI(),
                    describe(e));
            throw ApiError.badRequest("the request body could not be read: it was cut short or badly framed");
        }
        if (body.length > maxBodyBytes) {
            throw tooLarge();
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the input and names classes: keep it for nobody, tell where it broke.
            throw ApiError.badRequest(e.getLocation() == null ? "malformed JSON"
                    : "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr());
        } catch (CharConversionException e) {
            // Jackson took the body for UTF-32 by its first bytes and met no such character: an IOException that
            // is not a JsonProcessingException, which would otherwise leave the servlet as a 500.
            throw ApiError.badRequest("malformed JSON: not UTF-8, UTF-16 or UTF-32 text");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest("the request body must be a JSON object");
        }
        return node;
    }

    /** The exception's own words, shortened, one line: never a stack trace, never the body. */
    private static String describe(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.replaceAll("[\\r\\n\\t]+", " ");
        return message.length() <= 120 ? message : message.substring(0, 120) + "...";
    }

    private ApiError tooLarge() {
        return new ApiError(413, "the request body is larger than " + maxBodyBytes + " bytes");
    }

    /** Starts a JSON response: status, type and the headers every answer of this API carries. */
    static void startResponse(HttpServletResponse response, int status) {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // Token lists and fresh secrets must not stay in shared or browser caches.
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    void write(HttpServletResponse response, int status, Object value) throws IOException {
        startResponse(response, status);
        mapper.writeValue(response.getOutputStream(), value);
    }

    /** A generator for answers written piece by piece (long listings). */
    JsonGenerator stream(HttpServletResponse response, int status) throws IOException {
        startResponse(response, status);
        return mapper.createGenerator(response.getOutputStream());
    }
}
