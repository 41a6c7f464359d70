package dev.apitokens.it;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * The Declarative Services view of our bundles: which components exist and which are not ACTIVE, and why, in
 * words a failing assertion can print.
 */
final class ComponentStates {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;

    ComponentStates(BundleContext context, ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
    }

    /** Every component description of the bundles whose symbolic name starts with {@code prefix}. */
    List<ComponentDescriptionDTO> components(String prefix) {
        List<ComponentDescriptionDTO> ours = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.bundle.symbolicName.startsWith(prefix)) {
                ours.add(description);
            }
        }
        return ours;
    }

    /**
     * One line per component that is not ACTIVE. A delayed component that is merely SATISFIED (nobody uses its
     * service yet) is activated first by getting its service, so that a constructor that throws shows up here
     * too instead of at first use in production.
     */
    /**
     * Components that stay off until an operator configures them (configuration policy REQUIRE), by design: the
     * standalone host's mail delivery has no useful default server.
     */
    static final java.util.Set<String> SWITCHED_ON_BY_CONFIGURATION = java.util.Set.of(
            "dev.apitokens.host.standalone.mail.internal.SmtpNotices");

    List<String> notActive(Collection<ComponentDescriptionDTO> descriptions) {
        List<String> problems = new ArrayList<>();
        for (ComponentDescriptionDTO description : descriptions) {
            String name = description.bundle.symbolicName + "/" + description.name;
            if (!scr.isComponentEnabled(description)) {
                problems.add(name + ": disabled");
                continue;
            }
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
            if (configurations.isEmpty() && SWITCHED_ON_BY_CONFIGURATION.contains(description.name)) {
                continue;
            }
            if (configurations.isEmpty()) {
                problems.add(name + ": no configuration (policy " + description.configurationPolicy + ", PID "
                        + String.join(",", description.configurationPid) + ")");
                continue;
            }
            for (ComponentConfigurationDTO configuration : configurations) {
                if (configuration.state == ComponentConfigurationDTO.SATISFIED) {
                    activate(configuration);
                }
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE) {
                    problems.add(name + ": " + describe(description, configuration));
                }
            }
        }
        return problems;
    }

    private void activate(ComponentConfigurationDTO configuration) {
        try {
            for (ServiceReference<?> reference : context.getServiceReferences((String) null,
                    "(component.id=" + configuration.id + ")")) {
                // left gotten until the framework stops: ungetting could deactivate the component again
                context.getService(reference);
            }
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static String describe(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        StringBuilder text = new StringBuilder(state(configuration.state));
        for (UnsatisfiedReferenceDTO unsatisfied : configuration.unsatisfiedReferences) {
            text.append("; unsatisfied reference '").append(unsatisfied.name).append("' to ")
                    .append(interfaceOf(description, unsatisfied.name));
            if (unsatisfied.target != null) {
                text.append(" target ").append(unsatisfied.target);
            }
        }
        if (configuration.failure != null) {
            String firstLine = configuration.failure.lines().findFirst().orElse("");
            text.append("; failure: ").append(firstLine);
        }
        return text.toString();
    }

    private static String interfaceOf(ComponentDescriptionDTO description, String reference) {
        for (ReferenceDTO dto : description.references) {
            if (dto.name.equals(reference)) {
                return dto.interfaceName + " (" + dto.cardinality + ")";
            }
        }
        return "?";
    }

    static String state(int state) {
        switch (state) {
        case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION:
            return "UNSATISFIED_CONFIGURATION";
        case ComponentConfigurationDTO.UNSATISFIED_REFERENCE:
            return "UNSATISFIED_REFERENCE";
        case ComponentConfigurationDTO.SATISFIED:
            return "SATISFIED";
        case ComponentConfigurationDTO.ACTIVE:
            return "ACTIVE";
        case ComponentConfigurationDTO.FAILED_ACTIVATION:
            return "FAILED_ACTIVATION";
        default:
            return "state " + state;
        }
    }
}
