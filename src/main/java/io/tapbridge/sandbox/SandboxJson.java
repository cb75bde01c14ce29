package io.tapbridge.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one Jackson mapper of the sandboxes, strict on input like the TAP Store and tapio. */
public final class SandboxJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            // a repeated key is a malformed request, not "last one wins"
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // keep "12.50" exact when a header is recorded as received
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private SandboxJson() {
    }

    public static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** The object as plain Java values (String, Integer/Long/BigInteger, BigDecimal, Boolean, List, Map), read-only. */
    static Map<String, Object> toMap(ObjectNode node) {
        Map<String, Object> map = MAPPER.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() { });
        return deepUnmodifiable(map);
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepUnmodifiable(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, deepUnmodifiable(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(deepUnmodifiable(v)));
            return (T) Collections.unmodifiableList(copy);
        }
        return value;
    }
}
