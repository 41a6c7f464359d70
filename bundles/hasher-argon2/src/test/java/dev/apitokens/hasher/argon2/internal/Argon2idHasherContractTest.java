package dev.apitokens.hasher.argon2.internal;

import dev.apitokens.spi.Hasher;
import java.util.List;

import dev.apitokens.hasher.tck.HasherContract;
import dev.apitokens.hasher.tck.KnownAnswer;

/** The hasher TCK with cheap parameters (m=256 KiB, t=2, p=1). */
class Argon2idHasherContractTest extends HasherContract {

    @Override
    protected Hasher hasher() {
        return Argon2idHasherTest.withParameters(256, 2, 1);
    }

    @Override
    protected Hasher hasherWithOtherParameters() {
        return Argon2idHasherTest.withParameters(128, 1, 1);
    }

    @Override
    protected List<KnownAnswer> knownAnswers() {
        return Argon2idHasherTest.referenceVectors();
    }
}
