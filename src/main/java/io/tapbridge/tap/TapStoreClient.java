package io.tapbridge.tap;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.http.Backoff;
import io.tapbridge.http.BearerToken;
import io.tapbridge.http.HttpApi;
import io.tapbridge.http.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the TAP Store APIs through the HTTP core ({@link HttpApi}: token, permit, timeouts, classification): the
 * envelope, POST or GET by procedure, TAP's answers, and, for the read-only procedures only, a few quick retries
 * with backoff and jitter on 429, 5xx and connection errors, honouring {@code Retry-After}.
 *
 * <p>{@link TapProcedure#TAP_CREATE_ORDER_API} is never retried here: it is not idempotent, so its failures go
 * back to the ledger, which reconciles before any second attempt. Bodies are never logged: they hold device keys.
 */
public final class TapStoreClient {

    private static final Logger LOG = LoggerFactory.getLogger(TapStoreClient.class);

    private final HttpApi api;
    private final BearerToken tokens;
    private final ObjectMapper json;
    private final Backoff backoff;
    private final int readAttempts;
    private final Duration longestInCallWait;

    /**
     * @param readAttempts      attempts for a read-only procedure before its failure is returned
     * @param longestInCallWait a Retry-After longer than this is not waited for in the call: the ledger reschedules
     */
    public TapStoreClient(HttpApi api, BearerToken tokens, ObjectMapper json, Backoff backoff, int readAttempts,
            Duration longestInCallWait) {
        this.api = api;
        this.tokens = tokens;
        this.json = json;
        this.backoff = backoff;
        this.readAttempts = readAttempts;
        this.longestInCallWait = longestInCallWait;
    }

    /** Calls a procedure; read-only procedures are retried a few times first. */
    public TapAnswer call(TapProcedure procedure, ObjectNode request) throws TransportException, InterruptedException {
        return send(procedure, TapEnvelope.of(procedure, request).toString());
    }

    /** Sends a ready envelope (for TAP_CREATE_ORDER_API: the exact payload the ledger recorded). */
    public TapAnswer send(TapProcedure procedure, String envelope) throws TransportException, InterruptedException {
        return send(procedure, envelope, null);
    }

    /**
     * As {@link #send(TapProcedure, String)}; {@code intent} runs once, when this call holds its concurrency permit
     * and right before the request leaves (so that an intent recorded there is never followed by a wait: a crash
     * then leaves only calls that were on their way). When it answers false, nothing is sent ({@link HttpApi.NotSent}).
     */
    public TapAnswer send(TapProcedure procedure, String envelope, BooleanSupplier intent)
            throws TransportException, InterruptedException {
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
            } catch (TransportException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                Thread.sleep(backoff.delay(attempt, null).toMillis());
            }
        }
    }

    private TapAnswer authorised(TapProcedure procedure, String envelope, BooleanSupplier intent)
            throws TransportException, InterruptedException {
        HttpApi.Request request = HttpApi.Request.of(procedure.name(), procedure.post() ? "POST" : "GET", "").withIntent(intent);
        request = procedure.post()
                ? request.withBody("application/json", envelope)
                : request.withQuery("request=" + URLEncoder.encode(envelope, StandardCharsets.UTF_8).replace("+", "%20"));
        HttpApi.Response response = api.call(request, tokens);
        TapAnswer answer = answer(response);
        LOG.debug("{} -> HTTP {} uniqueId {} in {} ms", procedure, response.status(), answer.uniqueId(), response.millis());
        return answer;
    }

    private TapAnswer answer(HttpApi.Response response) {
        JsonNode body = null;
        String text = null;
        if (response.contentType().contains("json") || response.body().stripLeading().startsWith("{")) {
            try {
                body = json.readTree(response.body());
            } catch (IOException e) {
                text = summary(response.body());
            }
        } else {
            text = summary(response.body());
        }
        return new TapAnswer(response.status(), body, text, response.retryAfter(), response.millis());
    }

    /** The readable words of an HTML gateway page, shortened. */
    private static String summary(String body) {
        String words = body.replaceAll("(?s)<(script|style).*?</\\1>", " ").replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ").trim();
        return words.length() > 200 ? words.substring(0, 200) + "..." : words;
    }
}
