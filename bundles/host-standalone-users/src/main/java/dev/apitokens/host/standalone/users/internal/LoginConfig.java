package dev.apitokens.host.standalone.users.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the standalone host's login filter (PID {@value #PID}), read by the login filter alone: its
 * whiteboard keys and the realm, which the filter hands to the endpoints behind it for their 401 challenges.
 */
@ObjectClassDefinition(name = "API tokens: standalone host login",
        description = "Password (HTTP Basic) and session-cookie login of the standalone host.")
public @interface LoginConfig {

    String PID = "dev.apitokens.host.standalone.login";
    /** Below the token filter's 1000: a request carrying a token must meet the token filter first. */
    int DEFAULT_RANKING = 500;

    @AttributeDefinition(name = "URL patterns", description = "Servlet Whiteboard patterns the login filter guards.")
    String[] osgi_http_whiteboard_filter_pattern() default { "/*" };

    @AttributeDefinition(name = "Ranking",
            description = "Whiteboard filter order, highest first. Must stay below the API token filter (1000).")
    int service_ranking() default DEFAULT_RANKING;

    @AttributeDefinition(name = "Servlet context selector",
            description = "LDAP filter selecting the servlet context(s) the filter joins.")
    String osgi_http_whiteboard_context_select() default "(osgi.http.whiteboard.context.name=default)";

    @AttributeDefinition(name = "Realm", description = "Realm named in the WWW-Authenticate challenge of every 401 of the host.")
    String realm() default "api-tokens";
}
