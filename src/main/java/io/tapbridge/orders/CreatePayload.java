package io.tapbridge.orders;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The TAP_CREATE_ORDER_API envelope a batch was planned with, exactly as the ledger keeps it, read back. */
final class CreatePayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CreatePayload() {
    }

    /** The request's lines, in the order they were sent. */
    static List<JsonNode> lines(String payload) {
        List<JsonNode> lines = new ArrayList<>();
        parse(payload).path("request").path("lines").forEach(lines::add);
        return lines;
    }

    /** The same envelope without the lines at the given indexes. */
    static String without(String payload, Set<Integer> dropped) {
        JsonNode envelope = parse(payload);
        ArrayNode kept = JSON.createArrayNode();
        JsonNode lines = envelope.path("request").path("lines");
        for (int i = 0; i < lines.size(); i++) {
            if (!dropped.contains(i)) {
                kept.add(lines.get(i));
            }
        }
        ((ObjectNode) envelope.path("request")).set("lines", kept);
        return envelope.toString();
    }

    private static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException("a batch's create payload in the ledger is not JSON", e);
        }
    }
}
