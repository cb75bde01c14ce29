package io.tapbridge.sandbox.tapio;

import io.tapbridge.sandbox.SandboxJson;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the sandbox answers, already serialised: the body is written before any latency is waited out,
 * so the wait is the whole time to answer.
 */
record ApiAnswer(int status, String contentType, String body, Map<String, String> headers) {

    static final String JSON = "application/json; charset=utf-8";
    static final String XML = "application/xml; charset=utf-8";

    ApiAnswer {
        headers = Map.copyOf(headers);
    }

    static ApiAnswer json(int status, JsonNode body) {
        return new ApiAnswer(status, JSON, SandboxJson.write(body), Map.of());
    }

    static ApiAnswer xml(int status, String body) {
        return new ApiAnswer(status, XML, body, Map.of());
    }

    /** 201, 202, 204 and 200 answers the texts show without a body. */
    static ApiAnswer empty(int status) {
        return new ApiAnswer(status, null, "", Map.of());
    }

    ApiAnswer withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiAnswer(status, contentType, body, copy);
    }
}
