package io.tapbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** The bodies the TAP Store and its gateway answer with, and writing them. */
final class TapResponses {

    static final String JSON = "application/json";

    private TapResponses() {
    }

    /** {"statusCode":"200","status":"SUCCESS","uniqueId":"…"}; procedures add their payload. */
    static ObjectNode success(String uniqueId) {
        ObjectNode body = SandboxJson.object();
        body.put("statusCode", "200");
        body.put("status", "SUCCESS");
        body.put("uniqueId", uniqueId);
        return body;
    }

    /** {"statusCode":"400","status":"ERROR","uniqueId":"…","errorMessage":[…] or "…"}. */
    static ObjectNode businessError(List<String> problems, boolean asArray, String uniqueId) {
        ObjectNode body = SandboxJson.object();
        body.put("statusCode", "400");
        body.put("status", "ERROR");
        body.put("uniqueId", uniqueId);
        if (asArray) {
            ArrayNode messages = body.putArray("errorMessage");
            problems.forEach(messages::add);
        } else {
            body.put("errorMessage", String.join("; ", problems));
        }
        return body;
    }

    /** The gateway's 401 body: 900902 Invalid Credentials, 900903 Access Token Expired. */
    static ObjectNode authFault(String code, String description) {
        return fault("401", code, "Authentication Failure", description);
    }

    /** The gateway's spike arrest answer. */
    static ObjectNode throttled() {
        return fault("429", "900800", "Message throttled out", "You have exceeded your quota. Retry after the time in Retry-After");
    }

    private static ObjectNode fault(String status, String code, String message, String description) {
        ObjectNode body = SandboxJson.object();
        ObjectNode fault = body.putObject("fault");
        fault.put("status", status);
        fault.put("code", code);
        fault.put("message", message);
        fault.put("description", description);
        return body;
    }

    /** The JSON internal error: {"statusCode":"500","status":"ERROR","errorMessage":"Internal Server Error"}. */
    static ObjectNode serverError(int status, String message) {
        ObjectNode body = SandboxJson.object();
        body.put("statusCode", String.valueOf(status));
        body.put("status", "ERROR");
        body.put("errorMessage", message);
        return body;
    }

    /** An injected 5xx as the real infrastructure would send it: 503 and 504 are HTML pages, others JSON. */
    static void writeInjected(RoutingContext ctx, int status) {
        switch (status) {
            case 503 -> writeHtml(ctx, 503, "<!DOCTYPE html>\n<html><head><title>Access Denied</title></head>"
                    + "<body><h1>Access is denied</h1><p>The service is temporarily unavailable.</p></body></html>\n");
            case 504 -> writeHtml(ctx, 504, "<!DOCTYPE html>\n<html><head><title>504 Gateway Time-out</title></head>"
                    + "<body><h1>504 Gateway Time-out</h1><p>The server didn't respond in time.</p></body></html>\n");
            case 500 -> writeJson(ctx, 500, serverError(500, "Internal Server Error"));
            default -> writeJson(ctx, status, serverError(status, HttpResponseStatus.valueOf(status).reasonPhrase()));
        }
    }

    static void writeJson(RoutingContext ctx, int status, JsonNode body) {
        writeJson(ctx, status, SandboxJson.write(body));
    }

    static void writeJson(RoutingContext ctx, int status, String json) {
        write(ctx, status, JSON, json);
    }

    static void writeHtml(RoutingContext ctx, int status, String html) {
        write(ctx, status, "text/html; charset=UTF-8", html);
    }

    private static void write(RoutingContext ctx, int status, String contentType, String body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return; // the client gave up (e.g. timed out on a slowed create); nothing to answer
        }
        response.setStatusCode(status).putHeader("Content-Type", contentType).end(body);
    }
}
