package dev.apitokens.hasher.sha256.internal;

import dev.apitokens.spi.Hasher;
import java.util.List;

import dev.apitokens.hasher.tck.HasherContract;
import dev.apitokens.hasher.tck.KnownAnswer;

/** The hasher TCK with a pepper and a previous pepper. */
class PepperedHmacSha256HasherContractTest extends HasherContract {

    @Override
    protected Hasher hasher() {
        return HmacSha256HasherTest.configured(HmacSha256HasherTest.PEPPER_1, HmacSha256HasherTest.PEPPER_0);
    }

    @Override
    protected Hasher hasherWithOtherParameters() {
        return HmacSha256HasherTest.configured(HmacSha256HasherTest.PEPPER_0);
    }

    @Override
    protected List<KnownAnswer> knownAnswers() {
        // includes hashes made before the pepper was configured: they keep verifying
        return HmacSha256HasherTest.openSslVectors(true);
    }
}
