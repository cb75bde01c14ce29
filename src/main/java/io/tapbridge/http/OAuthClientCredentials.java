package io.tapbridge.http;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bearer token from the OAuth2 client-credentials flow, cached until shortly before {@code expires_in} runs out,
 * fetched through the token endpoint's own {@link HttpApi}.
 *
 * <p>One instance per client: each has its own token. Callers that get a 401 hand the token back with
 * {@link #invalidate(String)} and ask again; only the first of several concurrent callers fetches a new one.
 * Neither the secret nor a token is ever logged. (camel-http's own OAuth2 support does not refresh on a 401 and
 * caches per request URI.)
 */
public final class OAuthClientCredentials implements BearerToken {

    /** How the client authenticates at the token endpoint. */
    public enum ClientAuth {
        /** {@code client_id} and {@code client_secret} as form fields. */
        FORM,
        /** HTTP Basic authentication with id and secret. */
        BASIC
    }

    private static final Logger LOG = LoggerFactory.getLogger(OAuthClientCredentials.class);

    private final String name;
    private final HttpApi endpoint;
    private final String clientId;
    private final String clientSecret;
    private final Map<String, String> parameters;
    private final ClientAuth clientAuth;
    private final Duration margin;
    private final String settings;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    private String token;
    private Instant refreshAt = Instant.MIN;
    private volatile String lastFailure;

    /**
     * @param name       for log lines: which client this is
     * @param endpoint   the token endpoint
     * @param parameters further form fields, such as {@code scope} or {@code resource}; blank values are left out
     * @param margin     a token is replaced this long before it expires
     * @param settings   the settings to check when the endpoint refuses the client, for the message
     */
    public OAuthClientCredentials(String name, HttpApi endpoint, String clientId, String clientSecret, Map<String, String> parameters,
            ClientAuth clientAuth, Duration margin, String settings, Clock clock) {
        this.name = name;
        this.endpoint = endpoint;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.parameters = new LinkedHashMap<>(parameters);
        this.parameters.values().removeIf(v -> v == null || v.isBlank());
        this.clientAuth = clientAuth;
        this.margin = margin;
        this.settings = settings;
        this.clock = clock;
    }

    /** A token valid for at least the margin, fetched when the cached one is too old or was invalidated. */
    @Override
    public synchronized String token() throws TransportException, InterruptedException {
        if (token == null || !clock.instant().isBefore(refreshAt)) {
            fetch();
        }
        return token;
    }

    /** The API refused {@code rejected}: the next {@link #token()} fetches a new one, unless another caller already did. */
    @Override
    public synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }

    private void fetch() throws TransportException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        HttpApi.Request request = HttpApi.Request.of("token", "POST", "");
        if (clientAuth == ClientAuth.BASIC) {
            request = request.authorizedBy("Basic " + Base64.getEncoder().encodeToString(
                    (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_id", clientId);
            form.put("client_secret", clientSecret);
        }
        form.putAll(parameters);
        Instant asked = clock.instant();
        HttpApi.Response response;
        try {
            response = endpoint.call(request.withBody("application/x-www-form-urlencoded", encode(form)));
        } catch (TransportException e) {
            // whatever became of the token request, the API's request was not sent
            lastFailure = "The token endpoint of " + name + " is unreachable: " + e.getMessage();
            throw new TransportException(lastFailure, false, false, e);
        }
        JsonNode body = parse(response.body());
        if (response.status() != 200 || body == null || !body.hasNonNull("access_token")) {
            String error = body != null && body.hasNonNull("error") ? body.get("error").asText() : "no token in the answer";
            // 400/401: the credentials, the scope or the resource are wrong; waiting will not mend that
            boolean refused = response.status() == 400 || response.status() == 401;
            lastFailure = "The token endpoint of " + name + " answered HTTP " + response.status() + " (" + error + ")"
                    + (refused ? "; check " + settings : "");
            throw new TransportException(lastFailure, false, refused, null);
        }
        long expiresIn = body.path("expires_in").asLong(3600);
        token = body.get("access_token").asText();
        // replaced at the earlier of the margin and half its life: a token living shorter than the margin is still
        // kept for half its life instead of being fetched again for every call
        Duration lifetime = Duration.ofSeconds(Math.max(expiresIn, 0));
        Duration early = margin.compareTo(lifetime.dividedBy(2)) < 0 ? margin : lifetime.dividedBy(2);
        refreshAt = asked.plus(lifetime).minus(early);
        lastFailure = null;
        LOG.debug("New token for {} valid for {} s", name, expiresIn);
    }

    /** Which client this is, for logs and health checks. */
    public String name() {
        return name;
    }

    /** Why the last token fetch failed, while it is the last one (readiness); empty once a token was had since. */
    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
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
        return "OAuthClientCredentials[" + name + ", client " + clientId + ", " + endpoint + "]";
    }
}
