package dev.apitokens.host.standalone.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the standalone host (PID {@value #PID}), shared by the user directory and the sample endpoints.
 * Relative paths are resolved against the data directory (framework property {@value DataDirectory#PROPERTY}).
 */
@ObjectClassDefinition(name = "API tokens: standalone host",
        description = "The small host that lets api-tokens run without Jira or Confluence: its users and sample endpoints.")
public @interface HostConfig {

    String PID = "dev.apitokens.host.standalone";

    @AttributeDefinition(name = "Users file",
            description = "JSON file of users with their password hashes. Empty: users.json in the data directory.")
    String usersFile() default "";

    @AttributeDefinition(name = "Password hash iterations",
            description = "PBKDF2-HMAC-SHA256 iterations for passwords set from now on; existing hashes keep theirs.")
    int passwordIterations() default PasswordKdf.DEFAULT_ITERATIONS;

    @AttributeDefinition(name = "Sample endpoints",
            description = "Which product's sample REST endpoints to serve: jira (/rest/api/2/configuration), confluence (/rest/api/user/anonymous). /rest/api/2/myself and /rest/api/user/current are always served.")
    String[] sampleEndpoints() default { "jira", "confluence" };
}
