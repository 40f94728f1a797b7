package org.examhall.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One byte sequence per value: object keys sorted, no whitespace. Hashes and signatures are taken
 * over this form, so re-serialising a stored entry must give the same bytes.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private CanonicalJson() {}

    public static String write(Map<String, ?> value) {
        try {
            return MAPPER.writeValueAsString(sorted(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON", e);
        }
    }

    public static Map<String, Object> read(String json) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = MAPPER.readValue(json, Map.class);
            return map;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored JSON is not readable", e);
        }
    }

    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CanonicalJson::sorted).collect(Collectors.toList());
        }
        if (value instanceof JsonObject json) {
            return sorted(json.getMap());
        }
        if (value instanceof JsonArray array) {
            return sorted(array.getList());
        }
        return value;
    }
}
