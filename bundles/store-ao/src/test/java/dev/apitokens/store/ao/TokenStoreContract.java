package dev.apitokens.store.ao;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every token store must meet, run once per {@link TestDatabase}. A store bundle's test extends it
 * and says which store to build and which table it must write. The cases are in its parts, by topic:
 * {@link TableContract}, {@link TokenCrudContract}, {@link RotationContract}, {@link UsageContract} and
 * {@link ListingContract}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
public abstract class TokenStoreContract
        implements TableContract, TokenCrudContract, RotationContract, UsageContract, ListingContract {

    /** (database, table) pairs dropped in this run: every run starts from an empty database. */
    private static final Set<String> DROPPED = ConcurrentHashMap.newKeySet();

    @Parameter
    TestDatabase database;

    protected ActiveObjectsTokenStore store;
    private DataSource dataSource;

    /** The table the store must write, e.g. {@code AO_5D4005_TOKEN}. */
    protected abstract String table();

    /** A new store on this data source, as the store bundle's DS component builds it. */
    protected abstract ActiveObjectsTokenStore newStore(DataSource dataSource, ActiveObjectsTokenStore.Config config);

    @BeforeEach
    void emptyStore() throws SQLException {
        dataSource = database.dataSource();
        if (DROPPED.add(database + "/" + table())) {
            database.dropTable(table());
        }
        store = newStore(dataSource, StoreConfigs.defaults());
        database.execute("DELETE FROM " + database.quote(table()));
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public final ActiveObjectsTokenStore store() {
        return store;
    }

    @Override
    public final TestDatabase database() {
        return database;
    }

    @Override
    public final DataSource dataSource() {
        return dataSource;
    }

    @Override
    public final String tokenTable() {
        return table();
    }

    @Override
    public final ActiveObjectsTokenStore openStore(ActiveObjectsTokenStore.Config config) {
        return newStore(dataSource, config);
    }

    @Override
    public final void reopenStore() {
        store = newStore(dataSource, StoreConfigs.defaults());
    }
}
