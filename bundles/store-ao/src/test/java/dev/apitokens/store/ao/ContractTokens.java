package dev.apitokens.store.ao;

import dev.apitokens.api.TokenQuery;
import dev.apitokens.spi.NewToken;
import dev.apitokens.spi.StoredToken;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The tokens, ids and ranges the parts of the token store contract are written with. */
final class ContractTokens {

    static final Instant T0 = Instant.parse("2024-06-03T17:13:59.304Z");
    private static final AtomicInteger IDS = new AtomicInteger();

    private ContractTokens() {
    }

    static TokenQuery.Range range(Instant from, Instant to) {
        return new TokenQuery.Range(from, to);
    }

    static List<Long> ids(StoredToken... tokens) {
        return Arrays.stream(tokens).map(StoredToken::storeId).toList();
    }

    static List<Long> ids(List<StoredToken> tokens) {
        return tokens.stream().map(StoredToken::storeId).toList();
    }

    static NewToken token(String userKey, String label) {
        return new NewToken(newId(), userKey, label, "$hmac-sha256$v=1$" + label.hashCode(),
                T0.plusMillis(IDS.get()), null);
    }

    static String newId() {
        return "tid" + Integer.toString(IDS.incrementAndGet(), 36) + Long.toString(System.nanoTime(), 36);
    }
}
