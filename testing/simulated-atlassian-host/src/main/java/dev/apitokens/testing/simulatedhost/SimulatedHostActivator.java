package dev.apitokens.testing.simulatedhost;

import com.atlassian.activeobjects.spi.DataSourceProvider;
import com.atlassian.confluence.user.UserAccessor;
import com.atlassian.sal.api.auth.AuthenticationListener;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.upm.api.license.PluginLicenseManager;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

/**
 * Starts the simulated host: its services (see the module's description), its servlet context (path from the
 * framework property {@value #CONTEXT_PATH}, default {@code /jira}), its login filter and product servlet, and the
 * simulated plugin system. The H2 database is offered as the two hosts offer theirs: as Jira's
 * {@code OfBizConnectionFactory}, and as Active Objects' {@code DataSourceProvider} (Confluence's way).
 */
public final class SimulatedHostActivator implements BundleActivator {

    public static final String CONTEXT_PATH = "simulated.host.context.path";
    public static final String CONTEXT_NAME = "simulated-atlassian-host";

    private static volatile DataSource database;

    private SimulatedPluginSystem plugins;

    /** The simulated host's database, for a test that looks into the tables a plugin made. */
    public static DataSource database() {
        return database;
    }

    @Override
    public void start(BundleContext context) {
        String path = context.getProperty(CONTEXT_PATH) == null ? "/jira" : context.getProperty(CONTEXT_PATH);
        context.registerService(ServletContextHelper.class, new ServletContextHelper(context.getBundle()) {
        }, props(Map.of(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME, CONTEXT_NAME,
                HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_PATH, path)));
        String select = "(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + CONTEXT_NAME + ")";

        SimulatedSeraph seraph = new SimulatedSeraph();
        context.registerService(AuthenticationListener.class, seraph, null);
        context.registerService(Filter.class, seraph, props(Map.of(
                HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT, select,
                HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_PATTERN, "/*",
                HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_NAME, "simulated-login",
                "service.ranking", SimulatedPluginSystem.LOGIN_RANKING)));
        context.registerService(Servlet.class, new SimulatedProductServlet(), props(Map.of(
                HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT, select,
                HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "/rest/*")));

        // the web application's default servlet: in a real host, filters run on every path, not only on mapped ones
        context.registerService(Servlet.class, new jakarta.servlet.http.HttpServlet() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest request,
                    jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
                response.sendError(404);
            }
        }, props(Map.of(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT, select,
                HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, "/")));

        context.registerService(UserManager.class, new SimulatedSalUserManager(), null);
        context.registerService(com.atlassian.jira.user.util.UserManager.class, new SimulatedJiraUserManager(), null);
        context.registerService(UserAccessor.class, new SimulatedUserAccessor(), null);
        context.registerService(PluginLicenseManager.class, new SimulatedLicenseManager(), null);

        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:simulated-host;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        // the database as Jira's connection factory gives it, and as Confluence gives it to Active Objects; never as a
        // plain DataSource service: each plugin must bring its own adapter
        context.registerService(com.atlassian.jira.ofbiz.OfBizConnectionFactory.class, h2::getConnection, null);
        context.registerService(DataSourceProvider.class, () -> h2, null);
        database = h2;

        plugins = new SimulatedPluginSystem(context, CONTEXT_NAME);
        plugins.open();
    }

    /** Module problems the simulated plugin system met for a plugin key (empty when all modules started). */
    public static java.util.List<String> problems(String pluginKey) {
        return SimulatedPluginSystem.PROBLEMS.getOrDefault(pluginKey, java.util.List.of("plugin " + pluginKey
                + " was not seen"));
    }

    @Override
    public void stop(BundleContext context) {
        plugins.close();
    }

    private static Dictionary<String, Object> props(Map<String, Object> values) {
        return new Hashtable<>(values);
    }
}
