package dev.apitokens.hasher.sha256.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.apitokens.spi.Hasher;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.apitokens.hasher.tck.BuiltBundle;

/** Checks the bundle bnd built: how the hasher registers, its Metatype, and that nothing is exported. */
class HmacSha256HasherBundleIT {

    @Test
    void registersTheDefaultHasher() {
        BuiltBundle bundle = BuiltBundle.fromSystemProperty();
        BuiltBundle.Component component = bundle.component(HmacSha256Hasher.class);
        assertEquals("dev.apitokens.hasher.sha256", component.configurationPid());
        assertEquals(List.of(Hasher.class.getName()), component.services());
        assertEquals("hmac-sha256", component.properties().get(Hasher.ALGORITHM));
        assertEquals(100, component.properties().get("service.ranking"), "the default hasher ranks 100");
        assertTrue(bundle.contains("OSGI-INF/metatype/" + HmacSha256Hasher.Config.class.getName() + ".xml"), "Metatype descriptor");
        assertEquals("dev.apitokens.hasher-sha256", bundle.header("Bundle-SymbolicName"));
        assertNull(bundle.header("Export-Package"), "an implementation bundle exports nothing");
    }
}
