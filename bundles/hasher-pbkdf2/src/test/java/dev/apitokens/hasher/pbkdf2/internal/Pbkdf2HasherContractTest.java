package dev.apitokens.hasher.pbkdf2.internal;

import dev.apitokens.spi.Hasher;
import java.util.List;

import dev.apitokens.hasher.tck.HasherContract;
import dev.apitokens.hasher.tck.KnownAnswer;

/** The hasher TCK, with 1,000 iterations (the known answers carry their own counts, up to 80,000). */
class Pbkdf2HasherContractTest extends HasherContract {

    @Override
    protected Hasher hasher() {
        return Pbkdf2HasherTest.withIterations(1000);
    }

    @Override
    protected Hasher hasherWithOtherParameters() {
        return Pbkdf2HasherTest.withIterations(500);
    }

    @Override
    protected List<KnownAnswer> knownAnswers() {
        return Pbkdf2HasherTest.knownAnswers();
    }
}
