package dev.apitokens.host.spi;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The host's user directory, implemented by a host adapter (today {@code host-standalone}; a Jira or Confluence
 * adapter is one small bundle implementing this and {@link HostLogin}).
 */
@ConsumerType
public interface HostUsers {

    /** The user who logs in as {@code username}; exact match as the host defines it (Jira: case-insensitive). */
    Optional<HostUser> findByName(String username);

    /** The user with this user key. */
    Optional<HostUser> findByKey(String userKey);

    /** How many active users the host has; license tiers count these. */
    long activeUserCount();

    /**
     * Whether the user with this key is a member of the host group {@code group} (directly or, where the host
     * nests groups, through a nested group). Group names are compared as the host does (Jira and Confluence: ignoring
     * case). {@code false} for an unknown user or group. The token policy asks this when only some groups may create
     * tokens.
     *
     * @since 1.1.0
     */
    boolean isMemberOf(String userKey, String group);
}
