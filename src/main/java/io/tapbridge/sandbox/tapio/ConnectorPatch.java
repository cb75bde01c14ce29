package io.tapbridge.sandbox.tapio;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "Update CloudConnector": a JSON Patch on '/displayName' and '/tmids' only. '/tmids/-' appends a tmid
 * (add), '/tmids/{index}' inserts (add), replaces or removes one, '/tmids' replaces or (remove) empties
 * the list. Every tmid must be a known machine, and a connector serves a machine once. The patch
 * applies entirely or not at all.
 */
final class ConnectorPatch {

    private ConnectorPatch() {
    }

    static SandboxConnector apply(SandboxConnector connector, List<PatchOperation> ops, Map<String, SandboxMachine> machines)
            throws ApiError {
        String displayName = connector.displayName();
        List<String> tmids = new ArrayList<>(connector.tmids());
        List<String> problems = new ArrayList<>();
        for (PatchOperation op : ops) {
            String path = op.path();
            if ("/displayName".equals(path)) {
                if (op.isRemove()) {
                    problems.add(op.name() + ": /displayName is required and cannot be removed");
                } else if (!op.value().isTextual() || op.value().asText().isBlank()) {
                    problems.add(op.name() + ".value: displayName must be a non-empty string");
                } else {
                    displayName = op.value().asText();
                }
            } else if ("/tmids".equals(path)) {
                replaceAll(op, tmids, machines, problems);
            } else if (path.startsWith("/tmids/")) {
                element(op, path.substring("/tmids/".length()), tmids, machines, problems);
            } else {
                problems.add(op.name() + ".path: '" + path + "' cannot be updated; only /displayName and /tmids can");
            }
        }
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
        return connector.updated(displayName, tmids);
    }

    private static void replaceAll(PatchOperation op, List<String> tmids, Map<String, SandboxMachine> machines, List<String> problems) {
        if (op.isRemove()) {
            tmids.clear();
            return;
        }
        if (!op.value().isArray()) {
            problems.add(op.name() + ".value: /tmids must be an array of tmids");
            return;
        }
        List<String> replacement = new ArrayList<>();
        for (JsonNode v : op.value()) {
            String tmid = tmid(op, v, replacement, machines, problems);
            if (tmid != null) {
                replacement.add(tmid);
            }
        }
        tmids.clear();
        tmids.addAll(replacement);
    }

    private static void element(PatchOperation op, String pointer, List<String> tmids, Map<String, SandboxMachine> machines,
                                List<String> problems) {
        int index;
        if ("-".equals(pointer)) {
            if (!"add".equals(op.op())) {
                problems.add(op.name() + ".path: '/tmids/-' only works with add");
                return;
            }
            index = tmids.size();
        } else {
            try {
                index = Integer.parseInt(pointer);
            } catch (NumberFormatException e) {
                problems.add(op.name() + ".path: '" + op.path() + "' is not an element of /tmids");
                return;
            }
            int max = "add".equals(op.op()) ? tmids.size() : tmids.size() - 1;
            if (index < 0 || index > max) {
                problems.add(op.name() + ".path: index " + index + " is outside /tmids (" + tmids.size() + " elements)");
                return;
            }
        }
        if (op.isRemove()) {
            tmids.remove(index);
            return;
        }
        List<String> others = new ArrayList<>(tmids);
        if ("replace".equals(op.op())) {
            others.remove(index);
        }
        String tmid = tmid(op, op.value(), others, machines, problems);
        if (tmid == null) {
            return;
        }
        if ("replace".equals(op.op())) {
            tmids.set(index, tmid);
        } else {
            tmids.add(index, tmid);
        }
    }

    private static String tmid(PatchOperation op, JsonNode v, List<String> already, Map<String, SandboxMachine> machines,
                               List<String> problems) {
        if (!v.isTextual()) {
            problems.add(op.name() + ".value: a tmid must be a string");
            return null;
        }
        String tmid = v.asText();
        if (!machines.containsKey(tmid)) {
            problems.add(op.name() + ".value: machine '" + tmid + "' does not exist");
            return null;
        }
        if (already.contains(tmid)) {
            problems.add(op.name() + ".value: machine '" + tmid + "' is already served by this connector");
            return null;
        }
        return tmid;
    }
}
