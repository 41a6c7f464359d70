package dev.apitokens.host.standalone.internal;

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
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the sample endpoints of the products named in {@link HostConfig#sampleEndpoints()}: each distribution
 * picks its product's in its default configuration, so the assemblies differ by configuration, not by code.
 */
@Component(service = {}, configurationPid = HostConfig.PID)
public class SampleEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(SampleEndpoints.class);

    private final List<ServiceRegistration<Servlet>> registrations = new ArrayList<>();

    @Activate
    public SampleEndpoints(BundleContext context, HostConfig config) {
        // a .cfg file gives one string: accept "jira,confluence" as well as a real array
        Set<String> products = Arrays.stream(config.sampleEndpoints()).flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim).filter(value -> !value.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
        for (String product : products) {
            switch (product) {
                case "jira" -> register(context, "jira-configuration", new JiraConfigurationServlet(),
                        JiraConfigurationServlet.PATTERNS);
                case "confluence" -> register(context, "confluence-anonymous", new ConfluenceAnonymousServlet(),
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
