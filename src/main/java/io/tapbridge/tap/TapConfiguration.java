package io.tapbridge.tap;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.tapbridge.http.Backoff;
import io.tapbridge.http.HttpApi;
import io.tapbridge.http.OAuthClientCredentials;
import io.tapbridge.ledger.CatalogueCache;
import io.tapbridge.ledger.LedgerConfiguration;
import io.tapbridge.settings.Settings;
import org.apache.camel.CamelContext;

/**
 * The TAP kernel: the TAP Store APIs client (its OAuth2 client, concurrency and retries) and the catalogue cache.
 * Bean for the routes: {@code tapCatalogue}.
 */
public record TapConfiguration(TapStoreClient client, TapCatalogue catalogue, Backoff backoff, OAuthClientCredentials tokens) {

    /** What the prod profile must be given (the defaults point at the sandbox). */
    public static final List<String> PRODUCTION_REQUIRED = List.of("tap.base-url", "tap.token-url", "tap.client-id", "tap.client-secret");

    public static TapConfiguration create(Settings settings, LedgerConfiguration ledger, CamelContext camel, MeterRegistry meters) {
        HttpApi.Timeouts timeouts = new HttpApi.Timeouts(settings.duration("tap.connect-timeout"), settings.duration("tap.read-timeout"));
        HttpApi tokenEndpoint = HttpApi.open(camel, "tap-token", URI.create(settings.text("tap.token-url")), timeouts, 2, meters);
        OAuthClientCredentials tokens = new OAuthClientCredentials("TAP", tokenEndpoint, settings.text("tap.client-id"),
                settings.text("tap.client-secret"), Map.of("scope", settings.text("tap.scope", "")),
                OAuthClientCredentials.ClientAuth.valueOf(settings.text("tap.token-auth").toUpperCase(Locale.ROOT)),
                settings.duration("tap.token-refresh-margin"), "tap.client-id, tap.client-secret, tap.scope and tap.token-auth",
                ledger.clock());
        Backoff backoff = new Backoff(settings.duration("tap.retry.initial-delay"), settings.duration("tap.retry.max-delay"));
        HttpApi api = HttpApi.open(camel, "tap", URI.create(settings.text("tap.base-url")), timeouts, settings.integer("tap.max-concurrency"),
                meters);
        ObjectMapper json = new ObjectMapper();
        TapStoreClient client = new TapStoreClient(api, tokens, json, backoff, settings.integer("tap.retry.read-attempts"),
                settings.duration("tap.retry.longest-in-call-wait"));
        TapCatalogue catalogue = new TapCatalogue(new CatalogueCache(ledger.database().jdbi()), client, json, ledger.clock(),
                settings.duration("tap.catalogue.miss-refresh-age"));
        camel.getRegistry().bind("tapCatalogue", catalogue);
        return new TapConfiguration(client, catalogue, backoff, tokens);
    }
}
