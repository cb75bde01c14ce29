package io.tapbridge.sandbox.tapio;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Machine metadata: per machine, per scope ("global" or an application id), key → JSON document.
 * Keys are kept sorted, which is the order the key lists page in. Guarded by the state lock.
 */
final class MetadataStore {

    static final String GLOBAL = "global";

    private final Map<String, Map<String, TreeMap<String, JsonNode>>> byMachine = new HashMap<>();

    /** Stores a copy; answers true when the key was new. */
    boolean put(String tmid, String scope, String key, JsonNode document) {
        return byMachine.computeIfAbsent(tmid, t -> new HashMap<>())
                .computeIfAbsent(scope, s -> new TreeMap<>())
                .put(key, document.deepCopy()) == null;
    }

    Optional<JsonNode> get(String tmid, String scope, String key) {
        return Optional.ofNullable(scope(tmid, scope).get(key)).map(JsonNode::deepCopy);
    }

    /** The sorted keys of one scope. */
    List<String> keys(String tmid, String scope) {
        return List.copyOf(scope(tmid, scope).keySet());
    }

    void removeMachine(String tmid) {
        byMachine.remove(tmid);
    }

    /** Keys "global/&lt;key&gt;" and "&lt;applicationId&gt;/&lt;key&gt;", documents copied. */
    Map<String, JsonNode> snapshot(String tmid) {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        new TreeMap<>(byMachine.getOrDefault(tmid, Map.of()))
                .forEach((scope, docs) -> docs.forEach((key, doc) -> all.put(scope + "/" + key, doc.deepCopy())));
        return all;
    }

    void clear() {
        byMachine.clear();
    }

    private Map<String, JsonNode> scope(String tmid, String scope) {
        return byMachine.getOrDefault(tmid, Map.of()).getOrDefault(scope, new TreeMap<>());
    }
}
