package io.tapbridge.tapio;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.http.OAuthClientCredentials;
import io.tapbridge.http.TokenUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls tapio's management API as one of its two clients: licences act for the <b>developer</b> subscription,
 * everything else (customers, machines, onboarding, terms of use, assignments, connectors, metadata) for the
 * <b>manufacturer</b>. Each client has its own cached token; on a 401 one fresh token and one retry. At most
 * {@code maxConcurrency} calls in flight. Bodies are never logged: connector configurations hold certificates.
 */
public final class TapioClient {

    /** Which subscription a call acts for. */
    public enum Client {
        MANUFACTURER, DEVELOPER
    }

    private static final Logger LOG = LoggerFactory.getLogger(TapioClient.class);

    private final HttpClient http;
    private final String baseUrl;
    private final OAuthClientCredentials manufacturer;
    private final OAuthClientCredentials developer;
    private final ObjectMapper json;
    private final Semaphore inFlight;
    private final Duration readTimeout;

    public TapioClient(HttpClient http, URI baseUrl, OAuthClientCredentials manufacturer, OAuthClientCredentials developer,
            ObjectMapper json, int maxConcurrency, Duration readTimeout) {
        this.http = http;
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.manufacturer = manufacturer;
        this.developer = developer;
        this.json = json;
        this.inFlight = new Semaphore(maxConcurrency, true);
        this.readTimeout = readTimeout;
    }

    public ObjectMapper json() {
        return json;
    }

    public TapioAnswer get(Client client, String path) throws TapioTransportException, InterruptedException {
        return call(client, "GET", path, null, null);
    }

    public TapioAnswer post(Client client, String path, JsonNode body) throws TapioTransportException, InterruptedException {
        return call(client, "POST", path, body, "application/json;charset=UTF-8");
    }

    public TapioAnswer put(Client client, String path, JsonNode body) throws TapioTransportException, InterruptedException {
        return call(client, "PUT", path, body, "application/json;charset=UTF-8");
    }

    /** A JSON Patch document (RFC 6902). */
    public TapioAnswer patch(Client client, String path, JsonNode operations) throws TapioTransportException, InterruptedException {
        return call(client, "PATCH", path, operations, "application/json-patch+json;charset=UTF-8");
    }

    public TapioAnswer delete(Client client, String path) throws TapioTransportException, InterruptedException {
        return call(client, "DELETE", path, null, null);
    }

    private TapioAnswer call(Client client, String method, String path, JsonNode body, String contentType)
            throws TapioTransportException, InterruptedException {
        OAuthClientCredentials tokens = client == Client.DEVELOPER ? developer : manufacturer;
        String token = token(client, tokens, path);
        TapioAnswer answer = exchange(method, path, body, contentType, token);
        if (answer.status() == 401) {
            // an expired or revoked token: refused before anything was done, so one retry is safe
            LOG.info("tapio refused the {} token for {} {}; fetching a new one", client.name().toLowerCase(java.util.Locale.ROOT), method, path);
            tokens.invalidate(token);
            answer = exchange(method, path, body, contentType, token(client, tokens, path));
        }
        return answer;
    }

    private static String token(Client client, OAuthClientCredentials tokens, String path) throws TapioTransportException, InterruptedException {
        try {
            return tokens.token();
        } catch (TokenUnavailableException e) {
            // 400/401: the credentials or the resource/scope are wrong; waiting will not mend that
            boolean refused = e.httpStatus() == 400 || e.httpStatus() == 401;
            String which = client.name().toLowerCase(java.util.Locale.ROOT);
            throw new TapioTransportException(refused ? "tapio's token endpoint refused the " + which + " client: " + e.getMessage()
                    + "; check tapio." + which + ".client-id, its secret and tapio.resource / tapio.scope" : e.getMessage(), false, refused, e);
        } catch (IOException e) {
            throw new TapioTransportException("tapio's token endpoint unreachable (" + e + ") before " + path, false, e);
        }
    }

    private TapioAnswer exchange(String method, String path, JsonNode body, String contentType, String token)
            throws TapioTransportException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(readTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/xml;q=0.9, */*;q=0.1");
        if (body != null) {
            request.header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        inFlight.acquire();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long millis = (System.nanoTime() - start) / 1_000_000;
            LOG.debug("{} {} -> HTTP {} in {} ms", method, path, response.statusCode(), millis);
            return new TapioAnswer(method, path, response.statusCode(), parse(response), response.body(),
                    response.headers().firstValue("Retry-After").map(TapioClient::seconds).orElse(null), millis);
        } catch (HttpConnectTimeoutException | ConnectException | UnresolvedAddressException e) {
            throw new TapioTransportException(method + " " + path + ": no connection to tapio (" + e + ")", false, e);
        } catch (IOException e) {
            throw new TapioTransportException(method + " " + path + ": no answer from tapio after "
                    + (System.nanoTime() - start) / 1_000_000 + " ms (" + e + ")", true, e);
        } finally {
            inFlight.release();
        }
    }

    private JsonNode parse(HttpResponse<String> response) {
        String text = response.body();
        if (text == null || text.isBlank() || !text.stripLeading().startsWith("{") && !text.stripLeading().startsWith("[")) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static Duration seconds(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }
}
