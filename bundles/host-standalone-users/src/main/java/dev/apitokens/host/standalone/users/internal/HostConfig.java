package dev.apitokens.host.standalone.users.internal;

import dev.apitokens.host.data.DataDirectory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the standalone host (PID {@value #PID}), read by the user directory and the user tool.
 * Relative paths are resolved against the data directory (framework property {@value DataDirectory#PROPERTY}).
 */
@ObjectClassDefinition(name = "API tokens: standalone host users",
        description = "The users of the small host that lets api-tokens run without Jira or Confluence.")
public @interface HostConfig {

    String PID = "dev.apitokens.host.standalone";

    @AttributeDefinition(name = "Users file",
            description = "JSON file of users with their password hashes. Empty: users.json in the data directory.")
    String usersFile() default "";

    @AttributeDefinition(name = "Password hash iterations",
            description = "PBKDF2-HMAC-SHA256 iterations for passwords set from now on; existing hashes keep theirs.")
    int passwordIterations() default PasswordKdf.DEFAULT_ITERATIONS;
}
