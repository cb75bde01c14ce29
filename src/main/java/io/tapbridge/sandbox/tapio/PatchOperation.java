package io.tapbridge.sandbox.tapio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * One operation of a JSON Patch document (RFC 6902) as the texts allow it: {@code add}, {@code remove}
 * or {@code replace}, with a {@code path} and, except for remove, a {@code value}.
 *
 * @param index the operation's position in the document, for messages ("[1].path: …")
 * @param value null for remove; a JSON null is kept as a NullNode
 */
record PatchOperation(int index, String op, String path, JsonNode value) {

    private static final Set<String> OPS = Set.of("add", "remove", "replace");
    private static final Set<String> FIELDS = Set.of("op", "path", "value");

    /** The operations of a patch document; 400 naming every malformed operation. */
    static List<PatchOperation> readAll(JsonNode document) throws ApiError {
        if (!document.isArray() || document.isEmpty()) {
            throw ApiError.invalid("body", "must be a JSON Patch document: a non-empty array of operations");
        }
        List<String> problems = new ArrayList<>();
        List<PatchOperation> ops = new ArrayList<>();
        for (int i = 0; i < document.size(); i++) {
            read(i, document.get(i), problems, ops);
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        return ops;
    }

    private static void read(int i, JsonNode node, List<String> problems, List<PatchOperation> ops) {
        String at = "[" + i + "]";
        if (!(node instanceof ObjectNode object)) {
            problems.add(at + ": must be an object {op, path, value}");
            return;
        }
        int before = problems.size();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                problems.add(at + "." + field + ": is not supported; only add, remove and replace with op, path and value");
            }
        }
        JsonNode op = object.get("op");
        JsonNode path = object.get("path");
        if (op == null || !op.isTextual() || !OPS.contains(op.asText())) {
            problems.add(at + ".op: must be one of add, remove, replace" + (op == null ? "" : ", not " + op));
        }
        if (path == null || !path.isTextual() || !path.asText().startsWith("/")) {
            problems.add(at + ".path: must be a JSON Pointer such as /displayName");
        }
        boolean remove = op != null && "remove".equals(op.asText());
        if (!remove && !object.has("value")) {
            problems.add(at + ".value: is required for " + (op == null ? "this operation" : op.asText()));
        }
        if (problems.size() == before) {
            ops.add(new PatchOperation(i, op.asText(), path.asText(), remove ? null : object.get("value")));
        }
    }

    String name() {
        return "[" + index + "]";
    }

    boolean isRemove() {
        return "remove".equals(op);
    }
}
