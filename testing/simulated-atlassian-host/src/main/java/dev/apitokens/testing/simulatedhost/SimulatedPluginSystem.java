package dev.apitokens.testing.simulatedhost;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.xml.parsers.DocumentBuilderFactory;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.util.tracker.BundleTracker;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The plugin system's part, simulated: for every active bundle with an {@code atlassian-plugin.xml}, it creates the
 * classes of its {@code servlet-filter} and {@code servlet} modules (public no-argument constructors, loaded from
 * the plugin bundle) and puts them on the Servlet Whiteboard in the simulated host's context, filters ordered by
 * location ({@code before-login}, then the simulated login, then {@code before-dispatch}) and weight, servlets
 * under {@code /plugins/servlet}. Other module types (web items, panels, AO, web resources) are not run.
 */
final class SimulatedPluginSystem extends BundleTracker<List<ServiceRegistration<?>>> {

    static final String DESCRIPTOR = "atlassian-plugin.xml";
    /** Filter rankings of the locations (higher runs first); the simulated login sits at {@link #LOGIN_RANKING}. */
    static final int BEFORE_LOGIN_RANKING = 3000;
    static final int LOGIN_RANKING = 2000;
    static final int BEFORE_DISPATCH_RANKING = 1000;

    /** Module failures by plugin key, for tests to show. */
    static final Map<String, List<String>> PROBLEMS = new ConcurrentHashMap<>();

    private final String contextSelect;

    SimulatedPluginSystem(BundleContext context, String contextName) {
        super(context, Bundle.ACTIVE, null);
        this.contextSelect = "(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_NAME + "=" + contextName + ")";
    }

    @Override
    public List<ServiceRegistration<?>> addingBundle(Bundle bundle, BundleEvent event) {
        URL descriptor = bundle.getEntry(DESCRIPTOR);
        if (descriptor == null) {
            return null;
        }
        List<ServiceRegistration<?>> registrations = new ArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        try (InputStream in = descriptor.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = factory.newDocumentBuilder().parse(in).getDocumentElement();
            PROBLEMS.put(root.getAttribute("key"), problems);
            NodeList filters = root.getElementsByTagName("servlet-filter");
            for (int i = 0; i < filters.getLength(); i++) {
                register(bundle, (Element) filters.item(i), true, registrations, problems);
            }
            NodeList servlets = root.getElementsByTagName("servlet");
            for (int i = 0; i < servlets.getLength(); i++) {
                register(bundle, (Element) servlets.item(i), false, registrations, problems);
            }
        } catch (Exception e) {
            problems.add(DESCRIPTOR + ": " + e);
        }
        return registrations;
    }

    private void register(Bundle bundle, Element module, boolean filter, List<ServiceRegistration<?>> registrations,
            List<String> problems) {
        String key = module.getAttribute("key");
        try {
            Object instance = bundle.loadClass(module.getAttribute("class")).getConstructor().newInstance();
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_CONTEXT_SELECT, contextSelect);
            List<String> patterns = new ArrayList<>();
            NodeList urls = module.getElementsByTagName("url-pattern");
            for (int i = 0; i < urls.getLength(); i++) {
                String pattern = urls.item(i).getTextContent().trim();
                patterns.add(filter ? pattern : "/plugins/servlet" + pattern);
            }
            String initPrefix = filter ? HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_INIT_PARAM_PREFIX
                    : HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_INIT_PARAM_PREFIX;
            NodeList params = module.getElementsByTagName("init-param");
            for (int i = 0; i < params.getLength(); i++) {
                Element param = (Element) params.item(i);
                properties.put(initPrefix + text(param, "param-name"), text(param, "param-value"));
            }
            if (filter) {
                properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_PATTERN, patterns.toArray(String[]::new));
                properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_FILTER_NAME, key);
                properties.put("service.ranking", ranking(module.getAttribute("location"), module.getAttribute("weight")));
                registrations.add(bundle.getBundleContext().registerService(Filter.class, (Filter) instance, properties));
            } else {
                properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, patterns.toArray(String[]::new));
                properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, key);
                registrations.add(bundle.getBundleContext().registerService(Servlet.class, (Servlet) instance, properties));
            }
        } catch (Exception | LinkageError e) {
            problems.add(key + ": " + e);
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    /** Lower weight runs first within a location, as the plugin system orders filters. */
    static int ranking(String location, String weight) {
        int base = switch (location) {
            case "before-login" -> BEFORE_LOGIN_RANKING;
            case "before-dispatch" -> BEFORE_DISPATCH_RANKING;
            default -> throw new IllegalArgumentException("location not simulated: " + location);
        };
        int w = weight == null || weight.isEmpty() ? 100 : Integer.parseInt(weight);
        return base - Math.min(Math.max(w, 0), 999);
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, List<ServiceRegistration<?>> registrations) {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle's registrations went with it
            }
        }
    }
}
