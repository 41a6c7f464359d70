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
}
