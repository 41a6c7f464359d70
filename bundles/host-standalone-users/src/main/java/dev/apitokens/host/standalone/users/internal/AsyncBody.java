package dev.apitokens.host.standalone.users.internal;

import dev.apitokens.http.support.JsonMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Reads a small request body with non-blocking I/O, so that a client that sends headers and holds back its body
 * costs a connection but never a worker thread (a few hundred such clients would otherwise take the whole pool).
 * Exactly one of the outcomes is called, once, on a container thread.
 */
final class AsyncBody {

    /** What to do with the body once it is complete (or why there is none). */
    interface Outcome {
        void complete(byte[] body, HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private AsyncBody() {
    }

    /**
     * Starts reading; returns at once. A body over {@code maxBytes}, a broken one, or one that does not arrive within
     * {@code timeoutMillis} is answered here (413, 400, 408) with a JSON message and the connection closed.
     */
    static void read(HttpServletRequest request, int maxBytes, long timeoutMillis, Outcome outcome) throws IOException {
        AsyncContext async = request.startAsync();
        async.setTimeout(timeoutMillis);
        HttpServletRequest asyncRequest = (HttpServletRequest) async.getRequest();
        HttpServletResponse response = (HttpServletResponse) async.getResponse();
        AtomicBoolean done = new AtomicBoolean();
        ServletInputStream in = asyncRequest.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) throws IOException {
                refuse(HttpServletResponse.SC_REQUEST_TIMEOUT, "the request body did not arrive in time");
            }

            @Override
            public void onError(AsyncEvent event) throws IOException {
                refuse(HttpServletResponse.SC_BAD_REQUEST, "the request body could not be read");
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }

            private void refuse(int status, String message) throws IOException {
                if (done.compareAndSet(false, true)) {
                    closeAfter(response, status, message);
                    async.complete();
                }
            }
        });
        in.setReadListener(new ReadListener() {
            private final byte[] buffer = new byte[1024];

            @Override
            public void onDataAvailable() throws IOException {
                while (!done.get() && in.isReady()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return; // onAllDataRead follows
                    }
                    body.write(buffer, 0, n);
                    if (body.size() > maxBytes && done.compareAndSet(false, true)) {
                        closeAfter(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                                "the request body is larger than " + maxBytes + " bytes");
                        async.complete();
                    }
                }
            }

            @Override
            public void onAllDataRead() throws IOException {
                if (done.compareAndSet(false, true)) {
                    try {
                        outcome.complete(body.toByteArray(), asyncRequest, response);
                    } finally {
                        async.complete();
                    }
                }
            }

            @Override
            public void onError(Throwable failure) {
                // a bad chunk, a body shorter than its Content-Length, a client gone: the client's doing, not a 500
                if (done.compareAndSet(false, true)) {
                    try {
                        closeAfter(response, HttpServletResponse.SC_BAD_REQUEST,
                                "the request body could not be read: it was cut short or badly framed");
                    } catch (IOException | RuntimeException e) {
                        // the client is gone: nobody to answer
                    } finally {
                        async.complete();
                    }
                }
            }
        });
    }

    private static void closeAfter(HttpServletResponse response, int status, String message) throws IOException {
        if (!response.isCommitted()) {
            response.setHeader("Connection", "close");
            JsonMessage.send(response, status, message);
        }
    }
}
