package io.tapbridge.tap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What TAP answered: the HTTP status and, when the body was JSON, the body.
 *
 * <p>TAP's error bodies are mixed (JSON {@code fault}, HTML gateway pages, JSON with {@code errorMessage} as a
 * string or an array) and its business status is in the body's {@code statusCode} too; this class reads them all.
 */
public record TapAnswer(int httpStatus, JsonNode body, String text, Duration retryAfter, long millis) {

    /** HTTP 200 and a body whose statusCode, when present, is 200. */
    public boolean ok() {
        if (httpStatus != 200 || body == null) {
            return false;
        }
        JsonNode code = body.get("statusCode");
        return code == null || code.asText().trim().equals("200");
    }

    /** The uniqueId of the answer ({@code uniqueID} in TAP_GET_ORDER_API), or null. */
    public String uniqueId() {
        if (body == null) {
            return null;
        }
        JsonNode id = body.hasNonNull("uniqueId") ? body.get("uniqueId") : body.get("uniqueID");
        return id == null || id.isNull() ? null : id.asText();
    }

    /** The order's id in a TAP_GET_ORDER_API answer ({@code uniqueID}; {@code uniqueId} there names the call). */
    public String orderUniqueId() {
        JsonNode id = body == null ? null : body.get("uniqueID");
        return id == null || id.isNull() ? null : id.asText();
    }

    /** TAP's reasons, whether errorMessage came as a string or an array; the fault description of a 401. */
    public List<String> errorMessages() {
        List<String> messages = new ArrayList<>();
        if (body != null) {
            JsonNode error = body.get("errorMessage");
            if (error != null && error.isArray()) {
                error.forEach(e -> messages.add(e.asText()));
            } else if (error != null && !error.isNull()) {
                messages.add(error.asText());
            }
            JsonNode fault = body.get("fault");
            if (fault != null) {
                messages.add(fault.path("message").asText() + ": " + fault.path("description").asText()
                        + " (code " + fault.path("code").asText() + ")");
            }
        } else if (text != null && !text.isBlank()) {
            messages.add(text);
        }
        return messages;
    }

    /** "No records found …" and "No data found" are answers, not failures. */
    public boolean noData() {
        return httpStatus == 400 && errorMessages().stream().anyMatch(m -> {
            String lower = m.toLowerCase(java.util.Locale.ROOT);
            return lower.contains("no data found") || lower.contains("no records found") || lower.contains("no active subscriptions");
        });
    }

    /** TAP_GET_ORDER_API's explicit "No records found for requested parameters" (a 400): TAP holds no such order. */
    public boolean noRecordsFound() {
        return httpStatus == 400 && tapErrorBody()
                && errorMessages().stream().anyMatch(m -> m.toLowerCase(java.util.Locale.ROOT).contains("no records found"));
    }

    /** A business answer of the store: a JSON body carrying TAP's {@code errorMessage} (not a gateway page or fault). */
    public boolean tapErrorBody() {
        return body != null && body.hasNonNull("errorMessage") && !body.has("fault");
    }

    /** TAP is still creating an order for one of the serial numbers: wait and reconcile. */
    public boolean creationInProgress() {
        return errorMessages().stream().anyMatch(m -> m.toLowerCase(java.util.Locale.ROOT).contains("order creation is in progress"));
    }

    /** Worth trying again later: throttled or a server-side failure. */
    public boolean transientFailure() {
        return httpStatus == 429 || httpStatus >= 500;
    }

    /** "HTTP 400: reason; reason" for messages and logs. */
    public String describe() {
        List<String> messages = errorMessages();
        return "HTTP " + httpStatus + (messages.isEmpty() ? "" : ": " + String.join("; ", messages));
    }
}
