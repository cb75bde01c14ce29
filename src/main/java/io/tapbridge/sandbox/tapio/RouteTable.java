package io.tapbridge.sandbox.tapio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operations of the API, grouped by path pattern in registration order. The sandbox matches the
 * path itself and then the method, so that a known path with another method answers 405 with Allow.
 * When two patterns match one path (metadata's {@code global} and {@code :applicationId}), the one
 * registered first wins.
 */
final class RouteTable {

    private final Map<String, Map<String, ApiRoute>> byPattern = new LinkedHashMap<>();

    RouteTable add(String method, String pattern, Access access, RouteHandler handler) {
        Map<String, ApiRoute> methods = byPattern.computeIfAbsent(pattern, p -> new LinkedHashMap<>());
        if (methods.putIfAbsent(method, new ApiRoute(method, pattern, access, handler)) != null) {
            throw new IllegalStateException(method + " " + pattern + " is registered twice");
        }
        return this;
    }

    RouteTable get(String pattern, Access access, RouteHandler handler) {
        return add("GET", pattern, access, handler);
    }

    RouteTable post(String pattern, Access access, RouteHandler handler) {
        return add("POST", pattern, access, handler);
    }

    RouteTable put(String pattern, Access access, RouteHandler handler) {
        return add("PUT", pattern, access, handler);
    }

    RouteTable patch(String pattern, Access access, RouteHandler handler) {
        return add("PATCH", pattern, access, handler);
    }

    RouteTable delete(String pattern, Access access, RouteHandler handler) {
        return add("DELETE", pattern, access, handler);
    }

    /** Pattern → (method → route), in registration order. */
    Map<String, Map<String, ApiRoute>> patterns() {
        Map<String, Map<String, ApiRoute>> copy = new LinkedHashMap<>();
        byPattern.forEach((p, m) -> copy.put(p, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        return Collections.unmodifiableMap(copy);
    }
}
