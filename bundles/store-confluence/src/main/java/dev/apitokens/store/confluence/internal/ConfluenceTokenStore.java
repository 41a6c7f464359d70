package dev.apitokens.store.confluence.internal;

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
 * Confluence's token store: the shared Active Objects store on the table Confluence's original plugin used,
 * {@value #TABLE} (plugin key hash {@code 2DF51C}), and the cluster's revocation feed on {@code AO_2DF51C_REVOCATION}.
 */
@Component(service = { TokenStore.class, RevocationFeed.class }, configurationPid = ActiveObjectsTokenStore.Config.PID,
        property = TokenStore.TABLE + "=" + ConfluenceTokenStore.TABLE)
@Designate(ocd = ActiveObjectsTokenStore.Config.class)
public class ConfluenceTokenStore extends ActiveObjectsTokenStore {

    static final String TABLE_PREFIX = "AO_2DF51C";
    static final String TABLE = TABLE_PREFIX + "_TOKEN";

    @Activate
    public ConfluenceTokenStore(@Reference(name = "dataSource") DataSource dataSource, Config config) {
        super(TABLE_PREFIX, dataSource, config);
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
