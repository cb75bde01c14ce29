package io.tapbridge.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpMethod;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The TAP envelope {"ProcName":…,"ProcRequester":"TAP","request":{…}}, checked as strictly as the store does. */
record Envelope(ApiProcedure procedure, ObjectNode request) {

    private static final Set<String> KEYS = Set.of("ProcName", "ProcRequester", "request");

    /** Best effort, for recording and for choosing the error shape: the ProcName if the text gives one. */
    static Optional<String> peekProcName(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = SandboxJson.parse(json);
            JsonNode name = node.get("ProcName");
            return name != null && name.isTextual() ? Optional.of(name.asText()) : Optional.empty();
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static Envelope parse(String json, HttpMethod method) throws TapError {
        JsonNode root;
        try {
            root = SandboxJson.parse(json);
        } catch (JsonProcessingException e) {
            // the original message names the problem without echoing the whole payload
            throw new TapError("the request is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new TapError("the TAP envelope must be a JSON object");
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add(key + ": is not a valid field of the TAP envelope (ProcName, ProcRequester, request)");
            } else if (root.get(key).isNull()) {
                problems.add(key + ": null is not allowed");
            }
        }
        ApiProcedure procedure = null;
        JsonNode name = root.get("ProcName");
        if (name == null) {
            problems.add("ProcName: is mandatory");
        } else if (!name.isNull()) {
            if (!name.isTextual()) {
                problems.add("ProcName: must be a string");
            } else {
                procedure = ApiProcedure.byName(name.asText()).orElse(null);
                if (procedure == null) {
                    problems.add("ProcName: '" + name.asText() + "' is not a valid procedure");
                }
            }
        }
        JsonNode requester = root.get("ProcRequester");
        if (requester == null) {
            problems.add("ProcRequester: is mandatory");
        } else if (!requester.isNull() && !"TAP".equals(requester.asText())) {
            problems.add("ProcRequester: '" + requester.asText() + "' is not valid; the only valid value is 'TAP'");
        }
        JsonNode request = root.get("request");
        if (request == null) {
            if (procedure != null && !procedure.requestOptional()) {
                problems.add("request: is mandatory for " + procedure.name());
            }
        } else if (!request.isNull() && !request.isObject()) {
            problems.add("request: must be a JSON object");
        }
        if (procedure != null && procedure.method() != method) {
            problems.add(procedure.name() + " must be called with HTTP " + procedure.method().name()
                    + ", not " + method.name());
        }
        TapError.throwIfAny(problems);
        ObjectNode body = request == null ? SandboxJson.object() : (ObjectNode) request;
        return new Envelope(procedure, body);
    }
}
