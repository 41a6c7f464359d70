package dev.apitokens.host.jetty.internal;

import java.util.Map;
import java.util.WeakHashMap;

import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs {@link RestErrorHandler} as the error handler of Felix's Jetty server.
 *
 * <p>Felix HTTP offers no setting for the server's error handler; the one place it hands out its {@link Server} is
 * {@link ConnectorFactory}, which it calls with the running server whenever such a service appears (and again when
 * it restarts Jetty). This component uses that call to install the handler, and returns a {@link LocalConnector}:
 * an in-memory connector without a socket, so nothing new is reachable from the network.
 */
@Component(service = ConnectorFactory.class, configurationPid = JsonErrorsConfig.PID)
@Designate(ocd = JsonErrorsConfig.class)
public class JettyErrorHook implements ConnectorFactory {

    private static final Logger LOG = LoggerFactory.getLogger(JettyErrorHook.class);

    private final JsonErrorBody json;
    private final Map<Server, RestErrorHandler> installed = new WeakHashMap<>();

    @Activate
    public JettyErrorHook(JsonErrorsConfig config) {
        this.json = new JsonErrorBody(config.jsonPaths());
    }

    @Override
    public synchronized Connector createConnector(Server server) {
        Request.Handler current = server.getErrorHandler();
        RestErrorHandler handler = new RestErrorHandler(
                current instanceof RestErrorHandler ours ? ours.replaced() : current, json);
        server.setErrorHandler(handler);
        installed.put(server, handler);
        LOG.debug("JSON error answers installed in {}", server);
        return new LocalConnector(server);
    }

    /** Puts back the error handlers this hook replaced. */
    @Deactivate
    synchronized void deactivate() {
        installed.forEach((server, handler) -> {
            if (server.getErrorHandler() == handler) {
                server.setErrorHandler(handler.replaced());
            }
        });
        installed.clear();
    }
}
