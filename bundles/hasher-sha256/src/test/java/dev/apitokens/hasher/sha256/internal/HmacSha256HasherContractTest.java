package dev.apitokens.hasher.sha256.internal;

import dev.apitokens.spi.Hasher;
import java.util.List;

import dev.apitokens.hasher.tck.HasherContract;
import dev.apitokens.hasher.tck.KnownAnswer;

/** The hasher TCK without a pepper (one was configured once and removed, so its hashes still verify). */
class HmacSha256HasherContractTest extends HasherContract {

    @Override
    protected Hasher hasher() {
        return HmacSha256HasherTest.configured("", HmacSha256HasherTest.PEPPER_0);
    }

    @Override
    protected Hasher hasherWithOtherParameters() {
        return HmacSha256HasherTest.configured(HmacSha256HasherTest.PEPPER_0);
    }

    @Override
    protected List<KnownAnswer> knownAnswers() {
        return HmacSha256HasherTest.openSslVectors(false);
    }
}
