package dev.apitokens.host.standalone.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A configuration annotation instance as DS would make it: the given values, else the attribute defaults. */
final class ConfigProxy {

    private ConfigProxy() {
    }

    static <A> A of(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    Object fallback = method.getDefaultValue();
                    if (fallback == null) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return fallback;
                }));
    }
}
