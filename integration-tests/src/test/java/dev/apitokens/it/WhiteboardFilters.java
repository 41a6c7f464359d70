package dev.apitokens.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.FailedFilterDTO;
import org.osgi.service.servlet.runtime.dto.FilterDTO;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;

/** The Servlet Whiteboard's own account of its filters (runtime DTOs), read fresh on every call. */
final class WhiteboardFilters {

    private final BundleContext context;
    private final HttpServiceRuntime runtime;
    private final String filterBundle;

    WhiteboardFilters(BundleContext context, HttpServiceRuntime runtime, String filterBundle) {
        this.context = context;
        this.runtime = runtime;
        this.filterBundle = filterBundle;
    }

    /** The patterns of the filters {@code filterBundle} registered, in every servlet context they joined. */
    List<String> authFilterPatterns() {
        List<String> patterns = new ArrayList<>();
        for (ServletContextDTO servletContext : runtime.getRuntimeDTO().servletContextDTOs) {
            for (FilterDTO filter : servletContext.filterDTOs) {
                if (registeredByFilterBundle(filter.serviceId)) {
                    patterns.addAll(Arrays.asList(filter.patterns));
                }
            }
        }
        return patterns;
    }

    private boolean registeredByFilterBundle(long serviceId) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(service.id=" + serviceId + ")");
            // a filter being re-registered (a configuration change) may be gone between the DTO and this lookup
            org.osgi.framework.Bundle bundle = refs == null ? null : refs[0].getBundle();
            return bundle != null && filterBundle.equals(bundle.getSymbolicName());
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Every filter and every failed one, for failure messages. */
    @Override
    public String toString() {
        RuntimeDTO dto = runtime.getRuntimeDTO();
        StringBuilder text = new StringBuilder("filters:");
        for (ServletContextDTO servletContext : dto.servletContextDTOs) {
            for (FilterDTO filter : servletContext.filterDTOs) {
                text.append(" [").append(servletContext.name).append(": ").append(filter.name).append(" ")
                        .append(Arrays.toString(filter.patterns)).append(" service ").append(filter.serviceId)
                        .append("]");
            }
        }
        text.append("; failed:");
        for (FailedFilterDTO failed : dto.failedFilterDTOs) {
            text.append(" [").append(failed.name).append(" reason ").append(failed.failureReason).append("]");
        }
        return text.toString();
    }
}
