package io.tapbridge.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bearer token from the OAuth2 client-credentials flow, cached until shortly before {@code expires_in} runs out.
 *
 * <p>One instance per client: each has its own token. Callers that get a 401 hand the token back with
 * {@link #invalidate(String)} and ask again; only the first of several concurrent callers fetches a new one.
 * Neither the secret nor a token is ever logged.
 */
public final class OAuthClientCredentials {

    /** How the client authenticates at the token endpoint. */
    public enum ClientAuth {
        /** {@code client_id} and {@code client_secret} as form fields. */
        FORM,
        /** HTTP Basic authentication with id and secret. */
        BASIC
    }

    private static final Logger LOG = LoggerFactory.getLogger(OAuthClientCredentials.class);

    private final String name;
    private final HttpClient http;
    private final URI tokenUrl;
    private final String clientId;
    private final String clientSecret;
    private final Map<String, String> parameters;
    private final ClientAuth clientAuth;
    private final Duration margin;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    private String token;
    private Instant refreshAt = Instant.MIN;

    /**
     * @param name       for log lines: which client this is
     * @param parameters further form fields, such as {@code scope} or {@code resource}; blank values are left out
     * @param margin     a token is replaced this long before it expires
     */
    public OAuthClientCredentials(String name, HttpClient http, URI tokenUrl, String clientId, String clientSecret,
            Map<String, String> parameters, ClientAuth clientAuth, Duration margin, Duration timeout, Clock clock) {
        this.name = name;
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.parameters = new LinkedHashMap<>(parameters);
        this.parameters.values().removeIf(v -> v == null || v.isBlank());
        this.clientAuth = clientAuth;
        this.margin = margin;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** A token valid for at least the margin, fetched when the cached one is too old or was invalidated. */
    public synchronized String token() throws IOException, InterruptedException {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    /** The API refused {@code rejected}: the next {@link #token()} fetches a new one, unless another caller already did. */
    public synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }

    private void fetch() throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        HttpRequest.Builder request = HttpRequest.newBuilder(tokenUrl).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (clientAuth == ClientAuth.BASIC) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret);
        }
        form.putAll(parameters);
        Instant asked = clock.instant();
        HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200 || body == null || !body.hasNonNull("access_token")) {
            String error = body != null && body.hasNonNull("error") ? body.get("error").asText() : "no token in the answer";
            throw new TokenUnavailableException("Token endpoint of " + name + " answered HTTP " + response.statusCode()
                    + " (" + error + ")", response.statusCode());
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        token = body.get("access_token").asText();
        // replaced at the earlier of the margin and half its life: a token living shorter than the margin is still
        // kept for half its life instead of being fetched again for every call
        Duration lifetime = Duration.ofSeconds(Math.max(expiresIn, 0));
        Duration early = margin.compareTo(lifetime.dividedBy(2)) < 0 ? margin : lifetime.dividedBy(2);
        refreshAt = asked.plus(lifetime).minus(early);
        LOG.debug("New token for {} valid for {} s", name, expiresIn);
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    @Override
    public String toString() {
        return "OAuthClientCredentials[" + name + ", client " + clientId + ", " + tokenUrl + "]";
    }
}
