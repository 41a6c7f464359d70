package dev.apitokens.hasher.pbkdf2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.spi.Hasher;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.apitokens.hasher.tck.BuiltBundle;

/** Checks the bundle bnd built: how the hasher registers, its Metatype, and that nothing is exported. */
class Pbkdf2HasherBundleIT {

    @Test
    void registersAHasherRankedBelowTheDefault() {
        BuiltBundle bundle = BuiltBundle.fromSystemProperty();
        BuiltBundle.Component component = bundle.component(Pbkdf2Hasher.class);
        assertEquals("dev.apitokens.hasher.pbkdf2", component.configurationPid());
        assertEquals(List.of(Hasher.class.getName()), component.services());
        assertEquals("pbkdf2-sha256", component.properties().get(Hasher.ALGORITHM));
        assertEquals(0, component.properties().get("service.ranking"));
        assertEquals(600000, component.properties().get("iterations"));
        assertTrue(bundle.contains("OSGI-INF/metatype/" + Pbkdf2Hasher.Config.class.getName() + ".xml"));
        assertEquals("dev.apitokens.hasher-pbkdf2", bundle.header("Bundle-SymbolicName"));
        assertNull(bundle.header("Export-Package"), "an implementation bundle exports nothing");
    }
}
