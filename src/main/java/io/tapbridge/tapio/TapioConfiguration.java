package io.tapbridge.tapio;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.tapbridge.http.Backoff;
import io.tapbridge.http.HttpApi;
import io.tapbridge.http.OAuthClientCredentials;
import io.tapbridge.settings.Settings;
import org.apache.camel.CamelContext;

/** The tapio kernel: the management API client with its two OAuth2 clients (manufacturer, developer). */
public record TapioConfiguration(TapioClient client, Backoff backoff, List<OAuthClientCredentials> tokens) {

    /** What the prod profile must be given (the defaults point at the sandbox). */
    public static final List<String> PRODUCTION_REQUIRED = List.of("tapio.base-url", "tapio.token-url",
            "tapio.manufacturer.client-id", "tapio.manufacturer.client-secret", "tapio.developer.client-id",
            "tapio.developer.client-secret");

    public static TapioConfiguration create(Settings settings, Clock clock, CamelContext camel, MeterRegistry meters) {
        HttpApi.Timeouts timeouts = new HttpApi.Timeouts(settings.duration("tapio.connect-timeout"), settings.duration("tapio.read-timeout"));
        HttpApi tokenEndpoint = HttpApi.open(camel, "tapio-token", URI.create(settings.text("tapio.token-url")), timeouts, 2, meters);
        HttpApi api = HttpApi.open(camel, "tapio", URI.create(settings.text("tapio.base-url")), timeouts,
                settings.integer("tapio.max-concurrency"), meters);
        OAuthClientCredentials manufacturer = tokens("tapio manufacturer", "tapio.manufacturer", tokenEndpoint, settings, clock);
        OAuthClientCredentials developer = tokens("tapio developer", "tapio.developer", tokenEndpoint, settings, clock);
        TapioClient client = new TapioClient(api, manufacturer, developer, new ObjectMapper());
        return new TapioConfiguration(client,
                new Backoff(settings.duration("tapio.retry.initial-delay"), settings.duration("tapio.retry.max-delay")),
                List.of(manufacturer, developer));
    }

    /** One OAuth2 client of tapio's Azure AD tenant: {@code resource} (v1 endpoint) or {@code scope} (v2), whichever is set. */
    private static OAuthClientCredentials tokens(String name, String prefix, HttpApi endpoint, Settings settings, Clock clock) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("resource", settings.text("tapio.resource", ""));
        parameters.put("scope", settings.text("tapio.scope", ""));
        return new OAuthClientCredentials(name, endpoint, settings.text(prefix + ".client-id"), settings.text(prefix + ".client-secret"),
                parameters, OAuthClientCredentials.ClientAuth.FORM, settings.duration("tapio.token-refresh-margin"),
                prefix + ".client-id, its secret and tapio.resource / tapio.scope", clock);
    }
}
