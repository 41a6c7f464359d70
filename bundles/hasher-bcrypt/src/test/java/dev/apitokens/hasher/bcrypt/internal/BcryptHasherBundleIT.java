package dev.apitokens.hasher.bcrypt.internal;

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
class BcryptHasherBundleIT extends HasherContract {

    private static final BuiltBundle BUNDLE = BuiltBundle.fromSystemProperty();

    @Override
    protected Hasher hasher() {
        return BUNDLE.hasher(BcryptHasher.class, Map.of("cost", 5));
    }

    @Override
    protected Hasher hasherWithOtherParameters() {
        return BUNDLE.hasher(BcryptHasher.class, Map.of("cost", 4));
    }

    @Override
    protected List<KnownAnswer> knownAnswers() {
        return BcryptHasherTest.publishedVectors();
    }

    @Test
    void registersAHasherRankedBelowTheDefault() {
        BuiltBundle.Component component = BUNDLE.component(BcryptHasher.class);
        assertEquals("dev.apitokens.hasher.bcrypt", component.configurationPid());
        assertEquals(List.of(Hasher.class.getName()), component.services());
        assertEquals("bcrypt", component.properties().get(Hasher.ALGORITHM));
        assertEquals(0, component.properties().get("service.ranking"));
        assertEquals(10, component.properties().get("cost"));
        assertTrue(BUNDLE.contains("OSGI-INF/metatype/" + BcryptHasher.Config.class.getName() + ".xml"));
        assertNull(BUNDLE.header("Export-Package"), "an implementation bundle exports nothing");
    }

    @Test
    void bouncyCastleIsEmbeddedNotImported() {
        assertTrue(BUNDLE.contains("org/bouncycastle/crypto/generators/BCrypt.class"));
        assertFalse(BUNDLE.header("Import-Package").contains("org.bouncycastle"), BUNDLE.header("Import-Package"));
    }
}
