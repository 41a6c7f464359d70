package dev.apitokens.host.standalone.users.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the standalone host's login sessions (PID {@value #PID}), read by the session registry alone. */
@ObjectClassDefinition(name = "API tokens: standalone host sessions",
        description = "The in-memory login sessions of POST /rest/auth/1/session (a restart logs everybody out).")
public @interface SessionsConfig {

    String PID = "dev.apitokens.host.standalone.sessions";

    @AttributeDefinition(name = "Session idle timeout (minutes)",
            description = "A session not used for this long is closed.")
    int sessionIdleMinutes() default 480;

    @AttributeDefinition(name = "Maximum sessions",
            description = "Open sessions kept in memory; past this the least recently used is closed.")
    int maxSessions() default 10_000;
}
