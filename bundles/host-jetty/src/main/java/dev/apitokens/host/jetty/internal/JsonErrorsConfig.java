package dev.apitokens.host.jetty.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where error answers are JSON; read by both {@link JettyErrorHook} and {@link ErrorPageServlet}. */
@ObjectClassDefinition(name = "API tokens: JSON error answers (standalone host)",
        description = "Makes every error answer under the given paths {\"message\": ...} with the right status: "
                + "Jetty's own refusals (431 headers too large, 400 bad request, 500) and a servlet's sendError "
                + "alike. Other paths keep HTML error pages.")
public @interface JsonErrorsConfig {

    String PID = "dev.apitokens.host.jetty";

    @AttributeDefinition(name = "JSON paths",
            description = "Path prefixes whose error answers are JSON; a prefix matches itself and what lies below it.")
    String[] jsonPaths() default { "/rest" };
}
