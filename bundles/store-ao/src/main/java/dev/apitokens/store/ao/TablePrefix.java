package dev.apitokens.store.ao;

/** The Active Objects table prefix of a token store, for the tables its companions keep beside the token table. */
public final class TablePrefix {

    private TablePrefix() {
    }

    /**
     * {@code AO_5D4005} of {@code AO_5D4005_TOKEN}: the prefix in a token store's
     * {@link dev.apitokens.spi.TokenStore#TABLE} service property.
     *
     * @throws IllegalStateException if that is not an {@code AO_<hash>_TOKEN} table name
     */
    public static String ofTokenTable(Object tokenTable) {
        String table = String.valueOf(tokenTable);
        String prefix = table.endsWith("_TOKEN") ? table.substring(0, table.length() - "_TOKEN".length()) : "";
        try {
            TokenTable.tableName(prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the token store names no AO_<hash>_TOKEN table: " + table);
        }
        return prefix;
    }
}
