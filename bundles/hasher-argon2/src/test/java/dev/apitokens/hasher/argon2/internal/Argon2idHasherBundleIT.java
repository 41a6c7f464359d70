package dev.apitokens.hasher.argon2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.spi.Hasher;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.apitokens.hasher.tck.BuiltBundle;
import dev.apitokens.hasher.tck.HasherContract;
import dev.apitokens.hasher.tck.KnownAnswer;

/**
 * The hasher TCK against the built bundle's own classes, loaded in isolation: proves the embedded Bouncy Castle
 * packages are complete. Also checks the registration, the Metatype and the manifest.
 */
class Argon2idHasherBundleIT extends HasherContract {

    private static final BuiltBundle BUNDLE = BuiltBundle.fromSystemProperty();

    @Override
    protected Hasher hasher() {
        return BUNDLE.hasher(Argon2idHasher.class, Map.of("memory_kib", 256, "iterations", 2, "parallelism", 1));
    }

    @Override
    protected Hasher hasherWithOtherParameters() {
        return BUNDLE.hasher(Argon2idHasher.class, Map.of("memory_kib", 128, "iterations", 1, "parallelism", 1));
    }

    @Override
    protected List<KnownAnswer> knownAnswers() {
        return Argon2idHasherTest.referenceVectors();
    }

    @Test
    void registersAHasherRankedBelowTheDefault() {
        BuiltBundle.Component component = BUNDLE.component(Argon2idHasher.class);
        assertEquals("dev.apitokens.hasher.argon2", component.configurationPid());
        assertEquals(List.of(Hasher.class.getName()), component.services());
        assertEquals("argon2id", component.properties().get(Hasher.ALGORITHM));
        assertEquals(0, component.properties().get("service.ranking"));
        assertEquals(19456, component.properties().get("memory.kib"));
        assertTrue(BUNDLE.contains("OSGI-INF/metatype/" + Argon2idHasher.Config.class.getName() + ".xml"));
        assertNull(BUNDLE.header("Export-Package"), "an implementation bundle exports nothing");
    }

    @Test
    void bouncyCastleIsEmbeddedNotImported() {
        assertTrue(BUNDLE.contains("org/bouncycastle/crypto/generators/Argon2BytesGenerator.class"));
        assertFalse(BUNDLE.header("Import-Package").contains("org.bouncycastle"), BUNDLE.header("Import-Package"));
    }
}
