package io.tapbridge.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * Two endpoints for a person running the demo (not part of the TAP API, no token needed):
 * GET /sandbox/orders lists the orders with device keys masked; POST /sandbox/orders/{uniqueId}/release
 * releases a hold, as Trimble's support team would.
 */
final class OperatorEndpoints {

    static final String MASK = "****";

    private final TapSandbox sandbox;

    OperatorEndpoints(TapSandbox sandbox) {
        this.sandbox = sandbox;
    }

    void listOrders(RoutingContext ctx) {
        ArrayNode list = SandboxJson.array();
        for (SandboxOrder o : sandbox.orders()) {
            ObjectNode n = list.addObject();
            n.put("uniqueId", o.uniqueId());
            n.put("orderNumber", o.orderNumber());
            n.put("clientId", o.clientId());
            n.put("poNumber", o.poNumber());
            n.put("customerOrderRef", o.customerOrderRef());
            n.put("status", o.status());
            n.put("errorMessage", o.errorMessage());
            n.put("createdAt", o.createdAt().toString());
            n.set("header", SandboxJson.MAPPER.valueToTree(o.header()));
            ArrayNode lines = n.putArray("lines");
            for (Map<String, Object> line : o.lines()) {
                ObjectNode l = SandboxJson.MAPPER.valueToTree(line);
                if (l.has("deviceKey")) {
                    l.put("deviceKey", MASK);
                }
                lines.add(l);
            }
        }
        TapResponses.writeJson(ctx, 200, list);
    }

    void release(RoutingContext ctx) {
        boolean released = sandbox.tryReleaseHold(ctx.pathParam("uniqueId"));
        ctx.response().setStatusCode(released ? 204 : 404).end();
    }
}
