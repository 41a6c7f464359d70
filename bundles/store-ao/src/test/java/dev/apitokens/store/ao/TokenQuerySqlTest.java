package dev.apitokens.store.ao;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TokenQuerySqlTest {

    @Test
    void escapesLikeWildcardsAndTheEscapeCharacterItself() {
        assertEquals("100!% done!_now", TokenQuerySql.escapeLike("100% done_now"));
        assertEquals("wow!!", TokenQuerySql.escapeLike("wow!"));
        assertEquals("plain \\ text", TokenQuerySql.escapeLike("plain \\ text"));
    }
}
