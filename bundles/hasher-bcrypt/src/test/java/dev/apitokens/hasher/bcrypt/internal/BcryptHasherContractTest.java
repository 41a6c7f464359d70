package dev.apitokens.hasher.bcrypt.internal;

import dev.apitokens.spi.Hasher;
import java.util.List;

import dev.apitokens.hasher.tck.HasherContract;
import dev.apitokens.hasher.tck.KnownAnswer;

/** The hasher TCK at cost 5 (the published vectors carry their own costs, 6 and 8). */
class BcryptHasherContractTest extends HasherContract {

    @Override
    protected Hasher hasher() {
        return BcryptHasherTest.withCost(5);
    }

    @Override
    protected Hasher hasherWithOtherParameters() {
        return BcryptHasherTest.withCost(4);
    }

    @Override
    protected List<KnownAnswer> knownAnswers() {
        return BcryptHasherTest.publishedVectors();
    }
}
