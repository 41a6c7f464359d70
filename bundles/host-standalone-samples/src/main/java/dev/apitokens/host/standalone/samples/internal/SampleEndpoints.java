package dev.apitokens.host.standalone.samples.internal;

import dev.apitokens.host.spi.HostLogin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.servlet.Servlet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the sample endpoints of the products named in {@link Config#sampleEndpoints()}: each distribution
 * picks its product's in its default configuration, so the assemblies differ by configuration, not by code.
 */
@Component(service = {}, configurationPid = SampleEndpoints.PID)
@Designate(ocd = SampleEndpoints.Config.class)
public class SampleEndpoints {

    static final String PID = "dev.apitokens.host.standalone.samples";

    @ObjectClassDefinition(name = "API tokens: standalone host sample endpoints",
            description = "Product REST endpoints the standalone host imitates, so scripts written for Jira or "
                    + "Confluence can be tried against it.")
    public @interface Config {

        @AttributeDefinition(name = "Sample endpoints",
                description = "Which product's sample REST endpoints to serve: jira (/rest/api/2/configuration), confluence (/rest/api/user/anonymous). /rest/api/2/myself and /rest/api/user/current are always served.")
        String[] sampleEndpoints() default { "jira", "confluence" };
    }

    private static final Logger LOG = LoggerFactory.getLogger(SampleEndpoints.class);

    private final List<ServiceRegistration<Servlet>> registrations = new ArrayList<>();

    @Activate
    public SampleEndpoints(BundleContext context, @Reference HostLogin login, Config config) {
        // a .cfg file gives one string: accept "jira,confluence" as well as a real array
        Set<String> products = Arrays.stream(config.sampleEndpoints()).flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(value -> !value.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        for (String product : products) {
            switch (product) {
                case "jira" -> register(context, "jira-configuration", new JiraConfigurationServlet(login),
                        JiraConfigurationServlet.PATTERNS);
                case "confluence" -> register(context, "confluence-anonymous", new ConfluenceAnonymousServlet(login),
                        ConfluenceAnonymousServlet.PATTERNS);
                default -> LOG.warn("sampleEndpoints: unknown product '{}' (known: jira, confluence)", product);
            }
        }
    }

    private void register(BundleContext context, String name, Servlet servlet, String[] patterns) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "api-tokens-standalone-" + name);
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, patterns);
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT,
                "(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "="
                        + HttpWhiteboardConstants.HTTP_WHITEBOARD_DEFAULT_CONTEXT_NAME + ")");
        registrations.add(context.registerService(Servlet.class, servlet, properties));
    }

    @Deactivate
    void unregister() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }
}
