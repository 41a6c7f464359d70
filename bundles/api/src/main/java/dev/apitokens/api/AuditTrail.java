package dev.apitokens.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The stored audit trail, for reading: the events posted under {@link AuditEvents} as a subscriber stored them.
 * The audit bundle provides it (this project implements it, {@code @ProviderType}); the REST API and the admin page
 * read it through it, so they never depend on how or where the events are stored. When no audit bundle runs there
 * is no such service, and a caller says so rather than showing an empty trail.
 *
 * <p>Entries never hold a secret: tokens are named by their public id, people by their user key.
 *
 * @since 1.2.0
 */
@ProviderType
public interface AuditTrail {

    /**
     * One page of the stored events that match, newest first (events of the same millisecond newest stored
     * first), with the count of all matches.
     *
     * @throws TokenStoreUnavailableException when the database holding the trail cannot be reached
     */
    Page<AuditEntry> find(AuditQuery query);
}
