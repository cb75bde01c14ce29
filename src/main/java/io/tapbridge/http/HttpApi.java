package io.tapbridge.http;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLHandshakeException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One remote API, called through Camel's HTTP component: one Camel endpoint per API, reached through a route of its
 * own ({@code http-<api>}, so that Hawtio shows each API with its own counters and Camel's metrics know its calls);
 * at most {@code maxConcurrency} calls in flight, timeouts, HttpClient's own automatic retries
 * off (it would send a POST again on a 429 or 503 by itself: a second purchase), the bearer token with one fresh
 * token and one retry on a 401, {@code Retry-After}, a Micrometer timer per API and procedure (tags: api,
 * procedure, outcome, status), and the one classification of failures that exactly-once rests on
 * ({@link TransportException#requestSent()}). Bodies are never logged: they hold device keys and certificates.
 */
public final class HttpApi {

    /** Timeouts of one API's endpoint. */
    public record Timeouts(Duration connect, Duration response) {
    }

    /**
     * One request: {@code path} is appended to the API's base URL (already encoded), {@code query} is the encoded
     * query string or null; {@code intent}, when given, runs once this call holds its permit, right before the
     * request leaves, and answering false stops it ({@link NotSent}).
     */
    public record Request(String procedure, String method, String path, String query, String contentType, String body,
            String accept, String authorization, BooleanSupplier intent) {

        public static Request of(String procedure, String method, String path) {
            return new Request(procedure, method, path, null, null, null, "application/json", null, null);
        }

        public Request withBody(String type, String text) {
            return new Request(procedure, method, path, query, type, text, accept, authorization, intent);
        }

        public Request withQuery(String encoded) {
            return new Request(procedure, method, path, encoded, contentType, body, accept, authorization, intent);
        }

        public Request accepting(String types) {
            return new Request(procedure, method, path, query, contentType, body, types, authorization, intent);
        }

        /** The Authorization header of a call without a bearer token (HTTP Basic at a token endpoint). */
        public Request authorizedBy(String header) {
            return new Request(procedure, method, path, query, contentType, body, accept, header, intent);
        }

        public Request withIntent(BooleanSupplier beforeSending) {
            return new Request(procedure, method, path, query, contentType, body, accept, authorization, beforeSending);
        }
    }

    /** An HTTP answer, whatever its status; {@code body} decoded by its declared charset (UTF-8 when none). */
    public record Response(int status, String contentType, String body, Duration retryAfter, long millis) {
    }

    /** The intent was refused (the caller no longer holds its claim): nothing was sent. */
    public static final class NotSent extends TransportException {
        NotSent(String procedure) {
            super(procedure + " not sent: the intent could not be recorded", false, false, null);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    /** Waiting for a pooled connection: the permit bounds the calls to the pool's size, so this is a safety net. */
    private static final Duration CONNECTION_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final String api;
    private final String host;
    private final ProducerTemplate producer;
    private final Endpoint endpoint;
    private final Semaphore inFlight;
    private final MeterRegistry meters;

    private HttpApi(String api, String host, ProducerTemplate producer, Endpoint endpoint, int maxConcurrency, MeterRegistry meters) {
        this.api = api;
        this.host = host;
        this.producer = producer;
        this.endpoint = endpoint;
        this.inFlight = new Semaphore(maxConcurrency, true);
        this.meters = meters;
    }

    /**
     * @param api     the API's name in logs and metrics ("tap", "tapio", "tap-token", ...)
     * @param baseUrl every request's path is appended to it
     */
    public static HttpApi open(CamelContext camel, String api, URI baseUrl, Timeouts timeouts, int maxConcurrency, MeterRegistry meters) {
        String scheme = baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(api + ": " + baseUrl + " is not an http or https URL");
        }
        // a component setting, not an endpoint option: HttpClient retries a repeatable POST on 429/503 by itself
        camel.getComponent(scheme, HttpComponent.class).setAutomaticRetriesDisabled(true);
        String base = baseUrl.toString().replaceAll("/+$", "");
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("throwExceptionOnFailure", false); // every status is an answer for the client to read
        options.put("followRedirects", false);
        options.put("connectTimeout", timeouts.connect().toMillis());
        options.put("responseTimeout", timeouts.response().toMillis());
        options.put("soTimeout", timeouts.response().toMillis());
        options.put("connectionRequestTimeout", CONNECTION_REQUEST_TIMEOUT.toMillis());
        options.put("maxTotalConnections", maxConcurrency);
        options.put("connectionsPerRoute", maxConcurrency);
        StringBuilder uri = new StringBuilder(base).append(base.contains("?") ? '&' : '?');
        options.forEach((k, v) -> uri.append(k).append('=').append(v).append('&'));
        uri.setLength(uri.length() - 1);
        String route = "http-" + api;
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // a failure goes back to the caller, who decides: no redelivery, no log line with the exchange in it
                    errorHandler(noErrorHandler());
                    from("direct:" + route).routeId(route).routeDescription("Calls of " + api + " at " + baseUrl.getHost())
                            .to(uri.toString()).id(route + "-call");
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("Cannot add the route of " + api, e);
        }
        return new HttpApi(api, baseUrl.getHost(), camel.createProducerTemplate(), camel.getEndpoint("direct:" + route),
                maxConcurrency, meters);
    }

    /** The request with the token's bearer; on a 401 (the token was refused before anything was done) once more with a new one. */
    public Response call(Request request, BearerToken token) throws TransportException, InterruptedException {
        String bearer = token.token();
        Response response = exchange(request, bearer);
        if (response.status() == 401) {
            LOG.info("{} refused the token for {}; fetching a new one", api, request.procedure());
            token.invalidate(bearer);
            response = exchange(request.withIntent(null), token.token());
        }
        return response;
    }

    /** The request as it is, with no bearer token (a token endpoint). */
    public Response call(Request request) throws TransportException, InterruptedException {
        return exchange(request, null);
    }

    private Response exchange(Request request, String bearer) throws TransportException, InterruptedException {
        inFlight.acquire();
        long start = System.nanoTime();
        try {
            if (request.intent() != null && !request.intent().getAsBoolean()) {
                record(request, "NOT_SENT", "none", start);
                throw new NotSent(request.procedure());
            }
            Exchange exchange = producer.send(endpoint, ExchangePattern.InOut, e -> prepare(e, request, bearer));
            Exception failure = exchange.getException();
            if (failure != null) {
                boolean sent = mayHaveBeenSent(failure);
                record(request, sent ? "NO_ANSWER" : "NOT_SENT", "none", start);
                if (failure instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
                    Thread.currentThread().interrupt();
                }
                throw new TransportException(request.procedure() + (sent ? ": no answer from " + host + " after " + millis(start)
                        + " ms (" + failure + ")" : ": no connection to " + host + " (" + failure + ")"), sent, false, failure);
            }
            Response response = response(exchange.getMessage(), millis(start));
            record(request, "ANSWERED", Integer.toString(response.status()), start);
            LOG.debug("{} {} -> HTTP {} in {} ms", api, request.procedure(), response.status(), response.millis());
            return response;
        } finally {
            inFlight.release();
        }
    }

    private static void prepare(Exchange exchange, Request request, String bearer) {
        Message in = exchange.getIn();
        in.setHeader(Exchange.HTTP_METHOD, request.method());
        if (request.path() != null && !request.path().isEmpty()) {
            in.setHeader(Exchange.HTTP_PATH, request.path());
        }
        if (request.query() != null) {
            in.setHeader(Exchange.HTTP_QUERY, request.query());
        }
        if (bearer != null) {
            in.setHeader("Authorization", "Bearer " + bearer);
        } else if (request.authorization() != null) {
            in.setHeader("Authorization", request.authorization());
        }
        in.setHeader("Accept", request.accept());
        if (request.body() != null) {
            in.setHeader(Exchange.CONTENT_TYPE, request.contentType());
            in.setBody(request.body().getBytes(StandardCharsets.UTF_8));
        } else {
            in.setBody(null);
        }
    }

    private static Response response(Message out, long millis) {
        Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String contentType = out.getHeader(Exchange.CONTENT_TYPE, "", String.class);
        byte[] bytes = out.getBody(byte[].class);
        String body = bytes == null ? "" : new String(bytes, charset(contentType));
        return new Response(status == null ? 0 : status, contentType, body, retryAfter(out.getHeader("Retry-After", String.class)), millis);
    }

    /**
     * Whether the server may have received the request. Only failures that certainly happen before the first byte
     * leaves count as "not sent": everything else may have reached the server and been acted on.
     */
    static boolean mayHaveBeenSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ConnectTimeoutException || t instanceof ConnectionRequestTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException || t instanceof UnresolvedAddressException
                    || t instanceof SSLHandshakeException) {
                return false;
            }
        }
        return true;
    }

    /** Retry-After as seconds or as an HTTP date; unreadable means "soon". */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (RuntimeException notADate) {
                return Duration.ofSeconds(1);
            }
        }
    }

    private static Charset charset(String contentType) {
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at >= 0) {
            try {
                return Charset.forName(contentType.substring(at + 8).replaceAll("[\";].*$", "").replace("\"", "").trim());
            } catch (RuntimeException unknown) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private void record(Request request, String outcome, String status, long start) {
        Timer.builder("tapbridge.http.calls").description("Calls of the remote APIs, by API, procedure, outcome and HTTP status")
                .tags("api", api, "procedure", request.procedure(), "outcome", outcome, "status", status)
                .register(meters).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Override
    public String toString() {
        return "HttpApi[" + api + ", " + endpoint.getEndpointBaseUri() + "]";
    }
}
