package io.tapbridge.sandbox.tapio;

import io.tapbridge.sandbox.SandboxJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Machine metadata for all applications ("global") or one application: create or replace a key's JSON
 * document, read it, list the keys with offset/limit paging (manufacturer routes).
 */
final class MetadataRoutes {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private final TapioState state;

    MetadataRoutes(TapioState state) {
        this.state = state;
    }

    void register(RouteTable routes) {
        String base = MachineRoutes.BASE + "/:tmid/metadata";
        // "global" before ":applicationId": both patterns match .../metadata/global/...
        routes.post(base + "/global/keys/:key", Access.MANUFACTURER, r -> put(r, true))
                .get(base + "/global/keys/:key", Access.MANUFACTURER, r -> get(r, true))
                .get(base + "/global/keys", Access.MANUFACTURER, r -> keys(r, true))
                .post(base + "/:applicationId/keys/:key", Access.MANUFACTURER, r -> put(r, false))
                .get(base + "/:applicationId/keys/:key", Access.MANUFACTURER, r -> get(r, false))
                .get(base + "/:applicationId/keys", Access.MANUFACTURER, r -> keys(r, false));
    }

    /** 201 when the key is new, 200 when its document was replaced; any JSON document is accepted. */
    private ApiAnswer put(ApiRequest request, boolean global) throws ApiError {
        JsonNode document = request.json();
        SandboxMachine machine = state.requireMachine(request.path("tmid"));
        String scope = scope(request, global);
        boolean created = state.metadata.put(machine.tmid(), scope, request.pathText("key"), document);
        return ApiAnswer.empty(created ? 201 : 200);
    }

    private ApiAnswer get(ApiRequest request, boolean global) throws ApiError {
        SandboxMachine machine = state.requireMachine(request.path("tmid"));
        String scope = scope(request, global);
        String key = request.pathText("key");
        JsonNode document = state.metadata.get(machine.tmid(), scope, key).orElseThrow(() -> ApiError.notFound(
                "Metadata key '" + key + "' was not found for machine '" + machine.tmid() + "' ("
                        + (MetadataStore.GLOBAL.equals(scope) ? "all applications" : "application " + scope) + ")."));
        return ApiAnswer.json(200, document);
    }

    /** {totalCount, results:[{key}]}, keys sorted; limit 1..100 (default 10), offset from 0. */
    private ApiAnswer keys(ApiRequest request, boolean global) throws ApiError {
        int limit = request.queryInt("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = request.queryInt("offset", 0, 0, Integer.MAX_VALUE);
        SandboxMachine machine = state.requireMachine(request.path("tmid"));
        String scope = scope(request, global);
        List<String> keys = state.metadata.keys(machine.tmid(), scope);
        ObjectNode body = SandboxJson.object();
        body.put("totalCount", keys.size());
        ArrayNode results = body.putArray("results");
        keys.stream().skip(offset).limit(limit).forEach(k -> results.addObject().put("key", k));
        return ApiAnswer.json(200, body);
    }

    /** "global", or the id of a known application (404 otherwise). */
    private String scope(ApiRequest request, boolean global) throws ApiError {
        return global ? MetadataStore.GLOBAL : state.requireApplication(request.path("applicationId")).id();
    }
}
