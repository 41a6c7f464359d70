package dev.apitokens.hasher.tck;

import dev.apitokens.spi.PhcString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;


/**
 * Altered copies of a stored hash, one change each, for tests that a hasher rejects them. Changes are made to the
 * decoded values (not to the Base64 text, whose last character may carry unused bits), so every variant really
 * differs from the original.
 */
public final class PhcTampering {

    /** One altered copy and what was changed. */
    public record Variant(String change, PhcString stored) {
        @Override
        public String toString() {
            return change;
        }
    }

    private PhcTampering() {
    }

    /** A bit flipped in the first, a middle and the last salt byte; the salt one byte shorter and longer. */
    public static List<Variant> salts(PhcString original) {
        List<Variant> variants = new ArrayList<>();
        for (byte[] salt : alteredBytes(original.salt())) {
            variants.add(new Variant("salt " + describe(original.salt(), salt),
                    PhcString.of(original.id(), original.version(), original.params(), salt, original.hash())));
        }
        return variants;
    }

    /** A bit flipped in the first, a middle and the last hash byte; the hash truncated, extended, zeroed. */
    public static List<Variant> hashes(PhcString original) {
        List<Variant> variants = new ArrayList<>();
        for (byte[] hash : alteredBytes(original.hash())) {
            variants.add(new Variant("hash " + describe(original.hash(), hash),
                    PhcString.of(original.id(), original.version(), original.params(), original.salt(), hash)));
        }
        byte[] half = Arrays.copyOf(original.hash(), Math.max(1, original.hash().length / 2));
        variants.add(new Variant("hash truncated to half", with(original, original.params(), half)));
        variants.add(new Variant("hash all zero", with(original, original.params(), new byte[original.hash().length])));
        return variants;
    }

    /**
     * Each parameter changed to a nearby value (numbers one up and one down, text one character longer and shorter), each
     * parameter removed, an unknown parameter added, and the version changed, removed or added.
     */
    public static List<Variant> parameters(PhcString original) {
        List<Variant> variants = new ArrayList<>();
        original.params().forEach((name, value) -> {
            for (String other : nearby(value)) {
                Map<String, String> params = new LinkedHashMap<>(original.params());
                params.put(name, other);
                variants.add(new Variant("parameter " + name + "=" + value + " -> " + other,
                        with(original, params, original.hash())));
            }
            Map<String, String> without = new LinkedHashMap<>(original.params());
            without.remove(name);
            variants.add(new Variant("parameter " + name + " removed", with(original, without, original.hash())));
        });
        Map<String, String> extra = new LinkedHashMap<>(original.params());
        extra.put("tck-extra", "1");
        variants.add(new Variant("unknown parameter added", with(original, extra, original.hash())));
        Integer version = original.version();
        if (version == null) {
            variants.add(new Variant("version v=1 added", PhcString.of(original.id(), 1, original.params(),
                    original.salt(), original.hash())));
        } else {
            for (int other : new int[] {version + 1, version - 1, 0}) {
                if (other >= 0 && other != version) {
                    variants.add(new Variant("version " + version + " -> " + other, PhcString.of(original.id(), other,
                            original.params(), original.salt(), original.hash())));
                }
            }
            variants.add(new Variant("version removed", PhcString.of(original.id(), null, original.params(),
                    original.salt(), original.hash())));
        }
        return variants;
    }

    /** The same salt, parameters and hash under other algorithm ids. */
    public static List<Variant> algorithms(PhcString original, List<String> otherIds) {
        List<Variant> variants = new ArrayList<>();
        for (String id : otherIds) {
            if (!id.equals(original.id())) {
                variants.add(new Variant("algorithm " + original.id() + " -> " + id, PhcString.of(id,
                        original.version(), original.params(), original.salt(), original.hash())));
            }
        }
        return variants;
    }

    private static PhcString with(PhcString original, Map<String, String> params, byte[] hash) {
        return PhcString.of(original.id(), original.version(), params, original.salt(), hash);
    }

    private static List<byte[]> alteredBytes(byte[] original) {
        List<byte[]> altered = new ArrayList<>();
        for (int index : new int[] {0, original.length / 2, original.length - 1}) {
            byte[] copy = original.clone();
            copy[index] ^= 0x01;
            altered.add(copy);
        }
        if (original.length > 1) {
            altered.add(Arrays.copyOf(original, original.length - 1));
        }
        altered.add(Arrays.copyOf(original, original.length + 1));
        return altered;
    }

    private static String describe(byte[] original, byte[] altered) {
        if (altered.length < original.length) {
            return "one byte shorter";
        }
        if (altered.length > original.length) {
            return "one byte longer";
        }
        for (int i = 0; i < original.length; i++) {
            if (original[i] != altered[i]) {
                return "bit flipped in byte " + i;
            }
        }
        return "unchanged";
    }

    private static List<String> nearby(String value) {
        if (value.matches("[0-9]{1,9}")) {
            long number = Long.parseLong(value);
            List<String> values = new ArrayList<>(List.of(Long.toString(number + 1)));
            if (number > 0) {
                values.add(Long.toString(number - 1));
            }
            return values;
        }
        return value.length() > 1 ? List.of(value + "x", value.substring(1)) : List.of(value + "x");
    }
}
