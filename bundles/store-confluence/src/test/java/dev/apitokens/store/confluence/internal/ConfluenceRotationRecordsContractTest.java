package dev.apitokens.store.confluence.internal;

import javax.sql.DataSource;

import dev.apitokens.store.ao.ActiveObjectsTokenStore;
import dev.apitokens.store.ao.RotationRecordsContract;

/** The rotation part of the token store contract for Confluence's store, on every test database. */
class ConfluenceRotationRecordsContractTest extends RotationRecordsContract {

    @Override
    protected String table() {
        return "AO_2DF51C_TOKEN";
    }

    @Override
    protected ActiveObjectsTokenStore newStore(DataSource dataSource, ActiveObjectsTokenStore.Config config) {
        return new ConfluenceTokenStore(dataSource, config);
    }
}
