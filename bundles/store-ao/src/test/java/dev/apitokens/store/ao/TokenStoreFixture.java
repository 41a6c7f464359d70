package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.apitokens.api.Page;
import dev.apitokens.api.TokenQuery;
import dev.apitokens.spi.StoredToken;
import java.util.List;

import javax.sql.DataSource;

/**
 * What the parts of the token store contract ({@link TableContract}, {@link TokenCrudContract},
 * {@link RotationContract}, {@link UsageContract}, {@link ListingContract}) test against: {@link TokenStoreContract}
 * provides it, with an empty store on one {@link TestDatabase} per run.
 */
public interface TokenStoreFixture {

    /** The store under test, on an empty table. */
    ActiveObjectsTokenStore store();

    /** The database of this run. */
    TestDatabase database();

    /** The data source the store under test uses. */
    DataSource dataSource();

    /** The table the store must write, e.g. {@code AO_5D4005_TOKEN}. */
    String tokenTable();

    /** Another store on the same data source, which the caller closes. */
    ActiveObjectsTokenStore openStore(ActiveObjectsTokenStore.Config config);

    /** Replaces the store under test by a new one with the default configuration (the old one is not closed). */
    void reopenStore();

    /** The items of one page of the admin listing, checking that the page starts where asked. */
    default List<StoredToken> items(TokenQuery query) {
        Page<StoredToken> page = store().find(query);
        assertEquals(query.offset(), page.offset());
        return page.items();
    }
}
