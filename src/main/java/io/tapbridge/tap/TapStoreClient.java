package io.tapbridge.tap;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
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
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.http.Backoff;
import io.tapbridge.http.OAuthClientCredentials;
import io.tapbridge.http.TokenUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the TAP Store APIs: the envelope, the bearer token (one fresh token and one retry on a 401), at most
 * {@code maxConcurrency} calls in flight, and, for the read-only procedures only, a few quick retries with backoff
 * and jitter on 429, 5xx and connection errors, honouring {@code Retry-After}.
 *
 * <p>{@link TapProcedure#TAP_CREATE_ORDER_API} is never retried here: it is not idempotent, so its failures go
 * back to the ledger, which reconciles before any second attempt. Bodies are never logged: they hold device keys.
 */
public final class TapStoreClient {

    private static final Logger LOG = LoggerFactory.getLogger(TapStoreClient.class);

    private final HttpClient http;
    private final URI baseUrl;
    private final OAuthClientCredentials tokens;
    private final ObjectMapper json;
    private final Semaphore inFlight;
    private final Duration readTimeout;
    private final Backoff backoff;
    private final int readAttempts;
    private final Duration longestInCallWait;

    /**
     * @param readAttempts      attempts for a read-only procedure before its failure is returned
     * @param longestInCallWait a Retry-After longer than this is not waited for in the call: the ledger reschedules
     */
    public TapStoreClient(HttpClient http, URI baseUrl, OAuthClientCredentials tokens, ObjectMapper json, int maxConcurrency,
            Duration readTimeout, Backoff backoff, int readAttempts, Duration longestInCallWait) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.json = json;
        this.inFlight = new Semaphore(maxConcurrency, true);
        this.readTimeout = readTimeout;
        this.backoff = backoff;
        this.readAttempts = readAttempts;
        this.longestInCallWait = longestInCallWait;
    }

    /** The envelope {@code {"ProcName":…,"ProcRequester":"TAP","request":{…}}}; {@code request} left out when null. */
    public ObjectNode envelope(TapProcedure procedure, ObjectNode request) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("ProcName", procedure.name());
        envelope.put("ProcRequester", "TAP");
        if (request != null) {
            envelope.set("request", request);
        }
        return envelope;
    }

    public ObjectNode newRequest() {
        return json.createObjectNode();
    }

    /** Calls a procedure; read-only procedures are retried a few times first. */
    public TapAnswer call(TapProcedure procedure, ObjectNode request) throws TapTransportException, InterruptedException {
        return send(procedure, envelope(procedure, request).toString());
    }

    /** Sends a ready envelope (for TAP_CREATE_ORDER_API: the exact payload the ledger recorded). */
    public TapAnswer send(TapProcedure procedure, String envelope) throws TapTransportException, InterruptedException {
        return send(procedure, envelope, null);
    }

    /**
     * As {@link #send(TapProcedure, String)}; {@code intent} runs once, when this call holds its concurrency permit
     * and right before the request leaves (so that an intent recorded there is never followed by a wait: a crash
     * then leaves only calls that were on their way). When it answers false, nothing is sent ({@link NotSent}).
     */
    public TapAnswer send(TapProcedure procedure, String envelope, java.util.function.BooleanSupplier intent)
            throws TapTransportException, InterruptedException {
        int attempts = procedure.idempotent() ? readAttempts : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                TapAnswer answer = authorised(procedure, envelope, intent);
                if (attempt >= attempts || !answer.transientFailure()) {
                    return answer;
                }
                Duration wait = backoff.delay(attempt, answer.retryAfter());
                if (wait.compareTo(longestInCallWait) > 0) {
                    return answer;
                }
                LOG.debug("{} answered {}, trying again in {} ms", procedure, answer.httpStatus(), wait.toMillis());
                Thread.sleep(wait.toMillis());
            } catch (TapTransportException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                Thread.sleep(backoff.delay(attempt, null).toMillis());
            }
        }
    }

    private TapAnswer authorised(TapProcedure procedure, String envelope, java.util.function.BooleanSupplier intent)
            throws TapTransportException, InterruptedException {
        String token = token();
        TapAnswer answer = exchange(procedure, envelope, token, intent);
        if (answer.httpStatus() == 401) {
            // an expired or revoked token was refused by the gateway: nothing was processed, one retry is safe
            LOG.info("{} refused the token ({}); fetching a new one", procedure, String.join("; ", answer.errorMessages()));
            tokens.invalidate(token);
            answer = exchange(procedure, envelope, token(), null);
        }
        return answer;
    }

    /** The intent was refused (the caller no longer holds its claim): nothing was sent. */
    public static final class NotSent extends TapTransportException {
        NotSent(TapProcedure procedure) {
            super(procedure + " not sent: the intent could not be recorded", false, null);
        }
    }

    private String token() throws TapTransportException, InterruptedException {
        try {
            return tokens.token();
        } catch (TokenUnavailableException e) {
            throw new TapTransportException(e.getMessage(), false, e);
        } catch (IOException e) {
            throw new TapTransportException("Token endpoint unreachable: " + e, false, e);
        }
    }

    private TapAnswer exchange(TapProcedure procedure, String envelope, String token, java.util.function.BooleanSupplier intent)
            throws TapTransportException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(readTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (procedure.post()) {
            request.uri(baseUrl).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
        } else {
            String query = URLEncoder.encode(envelope, StandardCharsets.UTF_8).replace("+", "%20");
            request.uri(URI.create(baseUrl + "?request=" + query)).GET();
        }
        inFlight.acquire();
        long start = System.nanoTime();
        try {
            if (intent != null && !intent.getAsBoolean()) {
                throw new NotSent(procedure);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            long millis = (System.nanoTime() - start) / 1_000_000;
            TapAnswer answer = answer(response, millis);
            LOG.debug("{} -> HTTP {} uniqueId {} in {} ms", procedure, response.statusCode(), answer.uniqueId(), millis);
            return answer;
        } catch (HttpConnectTimeoutException | ConnectException | UnresolvedAddressException e) {
            throw new TapTransportException(procedure + ": no connection to " + baseUrl.getHost() + " (" + e + ")", false, e);
        } catch (IOException e) {
            throw new TapTransportException(procedure + ": no answer from " + baseUrl.getHost() + " after "
                    + (System.nanoTime() - start) / 1_000_000 + " ms (" + e + ")", true, e);
        } finally {
            inFlight.release();
        }
    }

    private TapAnswer answer(HttpResponse<String> response, long millis) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        JsonNode body = null;
        String text = null;
        if (contentType.contains("json") || response.body().stripLeading().startsWith("{")) {
            try {
                body = json.readTree(response.body());
            } catch (IOException e) {
                text = summary(response.body());
            }
        } else {
            text = summary(response.body());
        }
        Duration retryAfter = response.headers().firstValue("Retry-After").map(TapStoreClient::retryAfter).orElse(null);
        return new TapAnswer(response.statusCode(), body, text, retryAfter, millis);
    }

    /** Retry-After in seconds (the HTTP-date form is rare for APIs and read as "soon"). */
    private static Duration retryAfter(String value) {
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    /** The readable words of an HTML gateway page, shortened. */
    private static String summary(String body) {
        String words = body.replaceAll("(?s)<(script|style).*?</\\1>", " ").replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ").trim();
        return words.length() > 200 ? words.substring(0, 200) + "..." : words;
    }
}
