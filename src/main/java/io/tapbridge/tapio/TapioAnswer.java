package io.tapbridge.tapio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * tapio's answer to one call: status, the JSON body (null when there is none or it is not JSON) and the raw text
 * (the CloudConnector configuration is XML). Errors have no published schema; {@code {"message","details":[…]}}
 * is read where present, anything else is summarised.
 */
public record TapioAnswer(String method, String path, int status, JsonNode body, String text, Duration retryAfter, long millis) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** Throttled or failed on tapio's side: nothing was refused for the data's sake, try again later. */
    public boolean transientFailure() {
        return status == 429 || status == 408 || status >= 500;
    }

    /** "HTTP 404: message (detail; detail)", what the ERP user reads about a refused step. */
    public String describe() {
        List<String> words = new ArrayList<>();
        if (body != null && body.hasNonNull("message")) {
            words.add(body.get("message").asText());
        } else if (body != null && body.hasNonNull("error")) {
            words.add(body.path("error").asText() + (body.hasNonNull("error_description") ? ": " + body.get("error_description").asText() : ""));
        } else if (text != null && !text.isBlank()) {
            words.add(text.length() > 200 ? text.substring(0, 200) + "..." : text.strip());
        }
        List<String> details = new ArrayList<>();
        if (body != null) {
            body.path("details").forEach(d -> details.add(d.asText()));
        }
        String message = String.join(" ", words) + (details.isEmpty() ? "" : " (" + String.join("; ", details) + ")");
        return "HTTP " + status + (message.isBlank() ? "" : ": " + message.strip());
    }
}
