package dev.apitokens.core.internal;

import dev.apitokens.api.AuditEvents;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the token service's changes as {@link AuditEvents} to Event Admin, asynchronously (Event Admin's
 * {@code postEvent}), so an audit subscriber never slows a request down. Nothing is posted while no Event Admin
 * runs. Events name tokens by public id only, never by secret or hash.
 */
final class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    /** The Event Admin service, typed {@code Object} so the core resolves and runs without the event package. */
    private final Supplier<Object> eventAdmin;
    private final Clock clock;

    AuditTrail(Supplier<Object> eventAdmin, Clock clock) {
        this.eventAdmin = eventAdmin;
        this.clock = clock;
    }

    void post(String type, String actor, String user, String tokenId, String detail) {
        Object admin = eventAdmin.get();
        if (admin == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(AuditEvents.TYPE, type);
        properties.put(AuditEvents.TIMESTAMP, clock.millis());
        putIfPresent(properties, AuditEvents.ACTOR, actor);
        putIfPresent(properties, AuditEvents.USER, user);
        putIfPresent(properties, AuditEvents.TOKEN_ID, tokenId);
        putIfPresent(properties, AuditEvents.DETAIL, detail);
        try {
            ((EventAdmin) admin).postEvent(new Event(AuditEvents.topic(type), properties));
        } catch (RuntimeException e) {
            // Event Admin going away under us (its bundle stopping) must not fail the change that was made
            LOG.warn("Could not post audit event {} for token {} of {}: {}", type, tokenId, user, e.toString());
        }
    }

    private static void putIfPresent(Map<String, Object> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }
}
