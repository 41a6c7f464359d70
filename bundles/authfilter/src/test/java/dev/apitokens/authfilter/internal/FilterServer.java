package dev.apitokens.authfilter.internal;

import dev.apitokens.api.TokenService;
import dev.apitokens.host.spi.HostLogin;
import dev.apitokens.host.spi.HostUser;
import dev.apitokens.host.spi.RequestUser;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The filter in a real Jetty 12 servlet container on loopback, in front of a servlet that says who the request runs as. */
final class FilterServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Server server = new Server();
    final AuthFilter filter;
    final String base;

    /** Runs the rest of the request as the user, the way a host adapter does. */
    static final class WrappingHostLogin implements HostLogin {
        @Override
        public HttpServletRequest proceedAs(HostUser user, String tokenId, HttpServletRequest request) {
            return new HttpServletRequestWrapper(request) {
                @Override
                public String getRemoteUser() {
                    return user.name() + "/" + tokenId;
                }
            };
        }

        @Override
        public Optional<RequestUser> currentUser(HttpServletRequest request) {
            return Optional.empty();
        }
    }

    /** Echoes the user the request runs as and the Authorization header it still carries. */
    static final class WhoAmIServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().print("user=" + request.getRemoteUser() + " auth=" + request.getHeader("Authorization"));
        }
    }

    FilterServer(TokenService tokens, AuthFilter.Config config, Clock clock) throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        filter = new AuthFilter(tokens, new WrappingHostLogin(), config, clock);
        context.addFilter(new FilterHolder(filter), "/rest/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new WhoAmIServlet()), "/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        filter.deactivate();
        server.stop();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String authorization) throws Exception {
        return get(path, authorization == null ? Map.of() : Map.of("Authorization", authorization));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The filter's configuration: the defaults, with the given realm, budgets, window and trusted proxies. */
    static AuthFilter.Config config(String realm, int perToken, int perAddress, int windowSeconds,
            String... trustedProxies) {
        return new AuthFilter.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AuthFilter.Config.class;
            }

            @Override
            public String[] osgi_http_whiteboard_filter_pattern() {
                return new String[] { "/rest/*" };
            }

            @Override
            public int service_ranking() {
                return AuthFilter.DEFAULT_RANKING;
            }

            @Override
            public String osgi_http_whiteboard_context_select() {
                return "(osgi.http.whiteboard.context.name=default)";
            }

            @Override
            public String realm() {
                return realm;
            }

            @Override
            public int maxFailuresPerToken() {
                return perToken;
            }

            @Override
            public int maxFailuresPerAddress() {
                return perAddress;
            }

            @Override
            public int throttleWindowSeconds() {
                return windowSeconds;
            }

            @Override
            public int maxTrackedKeys() {
                return 10_000;
            }

            @Override
            public String[] trustedProxies() {
                return trustedProxies;
            }
        };
    }
}
