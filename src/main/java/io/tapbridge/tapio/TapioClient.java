package io.tapbridge.tapio;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.http.BearerToken;
import io.tapbridge.http.HttpApi;
import io.tapbridge.http.TransportException;

/**
 * Calls tapio's management API as one of its two clients: licences act for the <b>developer</b> subscription,
 * everything else (customers, machines, onboarding, terms of use, assignments, connectors, metadata) for the
 * <b>manufacturer</b>. Each client has its own cached token; the HTTP core ({@link HttpApi}) gives one fresh token
 * and one retry on a 401, the permit and the timeouts. Bodies are never logged: connector configurations hold
 * certificates.
 */
public final class TapioClient {

    /** Which subscription a call acts for. */
    public enum Client {
        MANUFACTURER, DEVELOPER
    }

    private final HttpApi api;
    private final BearerToken manufacturer;
    private final BearerToken developer;
    private final ObjectMapper json;

    public TapioClient(HttpApi api, BearerToken manufacturer, BearerToken developer, ObjectMapper json) {
        this.api = api;
        this.manufacturer = manufacturer;
        this.developer = developer;
        this.json = json;
    }

    public ObjectMapper json() {
        return json;
    }

    public TapioAnswer get(Client client, TapioPath path) throws TransportException, InterruptedException {
        return call(client, "GET", path, null, null);
    }

    public TapioAnswer post(Client client, TapioPath path, JsonNode body) throws TransportException, InterruptedException {
        return call(client, "POST", path, body, "application/json;charset=UTF-8");
    }

    public TapioAnswer put(Client client, TapioPath path, JsonNode body) throws TransportException, InterruptedException {
        return call(client, "PUT", path, body, "application/json;charset=UTF-8");
    }

    /** A JSON Patch document (RFC 6902). */
    public TapioAnswer patch(Client client, TapioPath path, JsonNode operations) throws TransportException, InterruptedException {
        return call(client, "PATCH", path, operations, "application/json-patch+json;charset=UTF-8");
    }

    public TapioAnswer delete(Client client, TapioPath path) throws TransportException, InterruptedException {
        return call(client, "DELETE", path, null, null);
    }

    /** A path without variable parts. */
    public TapioAnswer get(Client client, String path) throws TransportException, InterruptedException {
        return get(client, TapioPath.fixed(path));
    }

    /** A path without variable parts. */
    public TapioAnswer post(Client client, String path, JsonNode body) throws TransportException, InterruptedException {
        return post(client, TapioPath.fixed(path), body);
    }

    private TapioAnswer call(Client client, String method, TapioPath path, JsonNode body, String contentType)
            throws TransportException, InterruptedException {
        HttpApi.Request request = HttpApi.Request.of(path.procedure(method), method, path.path())
                .accepting("application/json, application/xml;q=0.9, */*;q=0.1");
        if (body != null) {
            request = request.withBody(contentType, body.toString());
        }
        HttpApi.Response response = api.call(request, client == Client.DEVELOPER ? developer : manufacturer);
        return new TapioAnswer(method, path.path(), response.status(), parse(response.body()), response.body(), response.retryAfter(),
                response.millis());
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank() || !text.stripLeading().startsWith("{") && !text.stripLeading().startsWith("[")) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
