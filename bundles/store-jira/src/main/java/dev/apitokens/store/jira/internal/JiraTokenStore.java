package dev.apitokens.store.jira.internal;

import dev.apitokens.spi.RevocationFeed;
import dev.apitokens.spi.TokenStore;
import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import dev.apitokens.store.ao.ActiveObjectsTokenStore;

/**
 * Jira's token store: the shared Active Objects store on the table Jira's original plugin used,
 * {@value #TABLE} (plugin key hash {@code 5D4005}), and the cluster's revocation feed on {@code AO_5D4005_REVOCATION}.
 */
@Component(service = { TokenStore.class, RevocationFeed.class }, configurationPid = ActiveObjectsTokenStore.Config.PID,
        property = TokenStore.TABLE + "=" + JiraTokenStore.TABLE)
@Designate(ocd = ActiveObjectsTokenStore.Config.class)
public class JiraTokenStore extends ActiveObjectsTokenStore {

    static final String TABLE_PREFIX = "AO_5D4005";
    static final String TABLE = TABLE_PREFIX + "_TOKEN";

    @Activate
    public JiraTokenStore(@Reference(name = "dataSource") DataSource dataSource, Config config) {
        super(TABLE_PREFIX, dataSource, config);
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
