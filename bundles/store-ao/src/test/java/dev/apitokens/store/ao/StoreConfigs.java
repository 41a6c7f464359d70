package dev.apitokens.store.ao;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Instances of the store's configuration annotation, as DS would build them, for tests and programs. */
public final class StoreConfigs {

    private StoreConfigs() {
    }

    /** The defaults of every attribute. */
    public static ActiveObjectsTokenStore.Config defaults() {
        return with(Map.of());
    }

    /** The defaults, except the attributes named in {@code values} (by method name). */
    public static ActiveObjectsTokenStore.Config with(Map<String, Object> values) {
        return (ActiveObjectsTokenStore.Config) Proxy.newProxyInstance(StoreConfigs.class.getClassLoader(),
                new Class<?>[] {ActiveObjectsTokenStore.Config.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> ActiveObjectsTokenStore.Config.class;
                    case "toString" -> "Config" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
