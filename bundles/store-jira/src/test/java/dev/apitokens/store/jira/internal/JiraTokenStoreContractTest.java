package dev.apitokens.store.jira.internal;

import javax.sql.DataSource;

import dev.apitokens.store.ao.ActiveObjectsTokenStore;
import dev.apitokens.store.ao.TokenStoreContract;

/** The token store contract for Jira's store, on every test database. */
class JiraTokenStoreContractTest extends TokenStoreContract {

    @Override
    protected String table() {
        return "AO_5D4005_TOKEN";
    }

    @Override
    protected ActiveObjectsTokenStore newStore(DataSource dataSource, ActiveObjectsTokenStore.Config config) {
        return new JiraTokenStore(dataSource, config);
    }
}
