package io.tapbridge.sandbox.tapio;

import io.tapbridge.sandbox.SandboxJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * An answer other than success, thrown by a route and written as tapio's error body
 * {@code {"message": string, "details": [string]}}. Details name the field they are about
 * ({@code "telVoice: must start with 00"}).
 */
final class ApiError extends Exception {

    /** ASP.NET's title for a failed model validation. */
    static final String INVALID = "One or more validation errors occurred.";

    private final int status;
    private final List<String> details;

    ApiError(int status, String message, List<String> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = List.copyOf(details);
    }

    static ApiError invalid(List<String> problems) {
        return new ApiError(400, INVALID, problems);
    }

    static ApiError invalid(String field, String problem) {
        return invalid(List.of(field + ": " + problem));
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, message, List.of());
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message, List.of());
    }

    static ApiError conflict(String message) {
        return new ApiError(409, message, List.of());
    }

    static ApiError internal() {
        return new ApiError(500, "An internal error occurred in the tapio sandbox.", List.of());
    }

    int status() {
        return status;
    }

    List<String> details() {
        return details;
    }

    ApiAnswer toAnswer() {
        return ApiAnswer.json(status, body(getMessage(), details));
    }

    static ObjectNode body(String message, List<String> details) {
        ObjectNode body = SandboxJson.object();
        body.put("message", message);
        ArrayNode list = body.putArray("details");
        details.forEach(list::add);
        return body;
    }
}
