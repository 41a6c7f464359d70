package dev.apitokens.fuzz;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Servlet request and response stand-ins made from a few fields, a thousand times cheaper than a container per
 * fuzz input. A method the code under test calls that is not faked here fails loudly, so it gets noticed.
 */
public final class FakeHttp {

    private FakeHttp() {
    }

    /** A request with the given headers (exact names) and body; every header lookup not given is absent. */
    public static HttpServletRequest request(String method, Map<String, String> headers, byte[] body) {
        Map<String, Object> attributes = new HashMap<>();
        ServletInputStream in = new BodyStream(body);
        return (HttpServletRequest) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (proxy, m, args) -> switch (m.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getHeaders" -> java.util.Collections.enumeration(headers.containsKey((String) args[0])
                            ? java.util.List.of(headers.get((String) args[0])) : java.util.List.<String>of());
                    case "getContentType" -> headers.get("Content-Type");
                    case "getContentLengthLong" -> (long) body.length;
                    case "getContentLength" -> body.length;
                    case "getInputStream" -> in;
                    case "getMethod" -> method;
                    case "getRequestURI" -> "/";
                    case "getRemoteAddr" -> "192.0.2.1";
                    case "getCookies" -> null;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]) == null ? null : null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeRequest " + method;
                    default -> throw new UnsupportedOperationException("FakeHttp request: " + m.getName());
                });
    }

    /** What a response received. */
    public static final class Recorded {
        public int status = 200;
        public final Map<String, String> headers = new HashMap<>();
        public final ByteArrayOutputStream body = new ByteArrayOutputStream();
    }

    public static HttpServletResponse response(Recorded into) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                into.body.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(FakeHttp.class.getClassLoader(),
                new Class<?>[] { HttpServletResponse.class }, (proxy, m, args) -> switch (m.getName()) {
                    case "setStatus" -> {
                        into.status = (int) args[0];
                        yield null;
                    }
                    case "setHeader", "addHeader" -> into.headers.put((String) args[0], (String) args[1]) == null
                            ? null : null;
                    case "setContentType", "setCharacterEncoding", "setContentLength" -> null;
                    case "getOutputStream" -> out;
                    case "isCommitted" -> false;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeResponse";
                    default -> throw new UnsupportedOperationException("FakeHttp response: " + m.getName());
                });
    }

    private static final class BodyStream extends ServletInputStream {
        private final ByteArrayInputStream bytes;

        BodyStream(byte[] body) {
            this.bytes = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return bytes.read(b, off, len);
        }

        @Override
        public int available() {
            return bytes.available();
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException();
        }
    }
}
