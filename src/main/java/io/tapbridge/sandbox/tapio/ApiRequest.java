package io.tapbridge.sandbox.tapio;

import io.tapbridge.sandbox.SandboxJson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A route's view of one HTTP request: path parameters, query parameters and the JSON body. */
final class ApiRequest {

    private final RoutingContext ctx;
    private final ClientRole role;
    private ClientRole grantedRole;

    ApiRequest(RoutingContext ctx, ClientRole role) {
        this.ctx = ctx;
        this.role = role;
    }

    /** The role of the bearer token; null on the token endpoint. */
    ClientRole role() {
        return role;
    }

    /** The token endpoint tells the call log whose credentials it accepted. */
    void granted(ClientRole granted) {
        this.grantedRole = granted;
    }

    ClientRole grantedRole() {
        return grantedRole;
    }

    /** A path parameter, URL-decoded; ids that are Guids are folded to lower case. */
    String path(String name) {
        return Guids.canonical(ctx.pathParam(name));
    }

    /** A path parameter exactly as sent (URL-decoded), for names such as metadata keys. */
    String pathText(String name) {
        return ctx.pathParam(name);
    }

    String header(String name) {
        return ctx.request().getHeader(name);
    }

    /** A query parameter given at most once; empty when absent. */
    Optional<String> query(String name) throws ApiError {
        List<String> values;
        try {
            values = ctx.queryParam(name);
        } catch (RuntimeException e) {
            throw ApiError.invalid("query", "is not valid URL encoding");
        }
        if (values.size() > 1) {
            throw ApiError.invalid(name, "must be given once");
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** An optional integer query parameter within [min, max]. */
    int queryInt(String name, int defaultValue, int min, int max) throws ApiError {
        Optional<String> v = query(name);
        if (v.isEmpty() || v.get().isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.get().trim());
            if (n < min || n > max) {
                throw ApiError.invalid(name, "must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiError.invalid(name, "'" + v.get() + "' is not an integer");
        }
    }

    MultiMap form() {
        return ctx.request().formAttributes();
    }

    /** The body as JSON; 415 unless the Content-Type is application/json (or a +json type). */
    JsonNode json() throws ApiError {
        requireJsonContentType(false);
        return parsedBody();
    }

    /** A JSON Patch document: application/json-patch+json or application/json. */
    JsonNode jsonPatch() throws ApiError {
        requireJsonContentType(true);
        return parsedBody();
    }

    private void requireJsonContentType(boolean patch) throws ApiError {
        String type = header("Content-Type");
        String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean ok = "application/json".equals(mime) || (patch && "application/json-patch+json".equals(mime));
        if (!ok) {
            String expected = patch ? "application/json-patch+json or application/json" : "application/json";
            throw new ApiError(415, "Unsupported media type: the Content-Type must be " + expected,
                    List.of("Content-Type: " + (type == null ? "is missing" : "'" + type + "' is not supported")));
        }
    }

    private JsonNode parsedBody() throws ApiError {
        String text = ctx.body() == null ? null : ctx.body().asString("UTF-8");
        if (text == null || text.isBlank()) {
            throw ApiError.invalid("body", "is required");
        }
        try {
            return SandboxJson.parse(text);
        } catch (JsonProcessingException e) {
            throw ApiError.invalid("body", "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }
}
