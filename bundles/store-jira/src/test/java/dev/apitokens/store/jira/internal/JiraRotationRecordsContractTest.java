package dev.apitokens.store.jira.internal;

import javax.sql.DataSource;

import dev.apitokens.store.ao.ActiveObjectsTokenStore;
import dev.apitokens.store.ao.RotationRecordsContract;

/** The rotation part of the token store contract for Jira's store, on every test database. */
class JiraRotationRecordsContractTest extends RotationRecordsContract {

    @Override
    protected String table() {
        return "AO_5D4005_TOKEN";
    }

    @Override
    protected ActiveObjectsTokenStore newStore(DataSource dataSource, ActiveObjectsTokenStore.Config config) {
        return new JiraTokenStore(dataSource, config);
    }
}
