package dev.apitokens.audit.internal;

import dev.apitokens.api.AuditEntry;
import dev.apitokens.api.AuditEvents;
import dev.apitokens.api.AuditQuery;
import dev.apitokens.api.AuditTrail;
import dev.apitokens.api.Page;
import dev.apitokens.spi.TokenStore;
import java.time.Instant;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.osgi.service.event.propertytypes.EventTopics;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.apitokens.store.ao.AuditLog;
import dev.apitokens.store.ao.AuditRecord;
import dev.apitokens.store.ao.TablePrefix;

/**
 * Stores every {@code dev/apitokens/audit/*} event in {@code AO_<hash>_AUDIT}, beside the token table (the hash is
 * the token store's: its {@link TokenStore#TABLE} property names {@code AO_5D4005_TOKEN} on Jira,
 * {@code AO_2DF51C_TOKEN} on Confluence), and writes one INFO line per event. Events never carry a secret. It also
 * serves the stored trail back as the {@link AuditTrail} service (the REST API's {@code /admin/audit}).
 */
@Component(service = {EventHandler.class, AuditTrail.class}, configurationPid = AuditRecorder.PID)
@Designate(ocd = AuditRecorder.Config.class)
@EventTopics(AuditEvents.TOPIC_PREFIX + "*")
public class AuditRecorder implements EventHandler, AuditTrail {

    static final String PID = "dev.apitokens.audit";

    private static final Logger LOG = LoggerFactory.getLogger(AuditRecorder.class);

    @ObjectClassDefinition(name = "API tokens: audit trail",
            description = "Stores the audit events of the token service in AO_<hash>_AUDIT.")
    public @interface Config {

        @AttributeDefinition(name = "Data source filter",
                description = "LDAP filter selecting the javax.sql.DataSource service the audit table lives in.")
        String dataSource_target() default "(objectClass=javax.sql.DataSource)";

        @AttributeDefinition(name = "Schema", description = "Schema of the audit table on H2 and PostgreSQL; empty "
                + "for the connection's current schema.")
        String schema() default "";
    }

    private final AuditLog log;

    @Activate
    public AuditRecorder(@Reference(name = "store", service = TokenStore.class) Map<String, Object> store,
            @Reference(name = "dataSource") DataSource dataSource, Config config) {
        this(AuditLog.open(TablePrefix.ofTokenTable(store.get(TokenStore.TABLE)), dataSource, config.schema()));
    }

    AuditRecorder(AuditLog log) {
        this.log = log;
    }

    @Override
    public void handleEvent(Event event) {
        AuditRecord record = new AuditRecord(0, timestamp(event), text(event, AuditEvents.TYPE),
                text(event, AuditEvents.ACTOR), text(event, AuditEvents.USER), text(event, AuditEvents.TOKEN_ID),
                text(event, AuditEvents.DETAIL));
        LOG.info("API token audit: {} token {} of user {} by {}{}", record.type(), record.tokenId(), record.userKey(),
                record.actor() == null ? "the system or an admin" : record.actor(),
                record.detail() == null ? "" : " (" + record.detail() + ")");
        try {
            log.append(record);
        } catch (RuntimeException e) {
            LOG.error("Could not store audit event {} of token {}: {}", record.type(), record.tokenId(),
                    e.getMessage());
        }
    }

    @Override
    public Page<AuditEntry> find(AuditQuery query) {
        Page<AuditRecord> page = log.find(query);
        return new Page<>(page.items().stream().map(AuditRecorder::entry).toList(), page.total(), page.offset(),
                page.limit());
    }

    private static AuditEntry entry(AuditRecord record) {
        return new AuditEntry(record.id(), Instant.ofEpochMilli(record.created()), record.type(), record.actor(),
                record.userKey(), record.tokenId(), record.detail());
    }

    AuditLog log() {
        return log;
    }

    @Deactivate
    void deactivate() {
        log.close();
    }

    private static long timestamp(Event event) {
        return event.getProperty(AuditEvents.TIMESTAMP) instanceof Number n ? n.longValue() : System.currentTimeMillis();
    }

    private static String text(Event event, String key) {
        Object value = event.getProperty(key);
        return value == null ? null : value.toString();
    }
}
