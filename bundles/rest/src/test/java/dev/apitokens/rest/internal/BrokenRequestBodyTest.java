package dev.apitokens.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bodies that break their own framing, spoken as raw HTTP/1.1 over loopback to the servlet in real Jetty:
 * the client's mistake is answered 400 with a JSON message, never 500, and a refusal does not wait for a body the
 * client holds back.
 */
class BrokenRequestBodyTest {

    private static RestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RestServer();
        server.host.add("key-alice", "alice", false);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static String head(String framing) {
        return "POST /rest/api-tokens/latest/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Test-User: alice\r\n"
                + "X-Test-Method: PASSWORD\r\nContent-Type: application/json\r\n" + framing + "\r\n";
    }

    @Test
    void badChunkSizeIs400Json() throws Exception {
        String answer = exchange(head("Transfer-Encoding: chunked\r\n") + "zz\r\n{\"label\":\"a\"}\r\n0\r\n\r\n", true);
        assertBadRequest(answer);
    }

    @Test
    void bodyShorterThanItsContentLengthIs400Json() throws Exception {
        String answer = exchange(head("Content-Length: 100\r\n") + "{\"label\":", true);
        assertBadRequest(answer);
        assertEquals(0, server.tokens.tokens.size(), "nothing was created");
    }

    @Test
    void aRefusalDoesNotWaitForAHeldBackBody() throws Exception {
        // Anonymous, with a body that never comes: the 401 must come at once, and the connection be closed.
        String request = "POST /rest/api-tokens/latest/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"label\":";
        long start = System.nanoTime();
        String answer = exchange(request, false);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
        assertTrue(answer.toLowerCase().contains("connection: close"), answer);
        assertTrue(millis < 5_000, "answered after " + millis + " ms");
    }

    private static void assertBadRequest(String answer) {
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("application/json"), answer);
        assertTrue(answer.contains("{\"message\":\"the request body could not be read"), answer);
        assertTrue(!answer.contains("Exception") && !answer.contains("\tat "), "no stack trace: " + answer);
    }

    /**
     * Sends {@code request}, optionally half-closes (end of body), and reads the answer until the server closes
     * the connection or stops talking for five seconds.
     */
    private static String exchange(String request, boolean halfClose) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // the server kept the connection open: what arrived so far is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
