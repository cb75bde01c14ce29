package io.tapbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one API path of the TAP Store. Order of checks, as at the real gateway and store: configured
 * latency, spike arrest (429), bearer token (401), envelope (400), injected 5xx, then the procedure.
 * Delays use Vert.x timers, never a sleeping event loop. Bodies, tokens and device keys are not logged.
 */
final class TapApiHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TapApiHandler.class);

    private static final String ANSWER_AT = "tapSandbox.answerAt";
    private final Vertx vertx;
    private final TapSandboxSettings settings;
    private final SandboxTime time;
    private final CallLog calls;
    private final TokenIssuer tokens;
    private final SandboxFaults faults;
    private final TapProcedures procedures;
    /** The uniqueId of every answer; it keeps growing across reset(). */
    private final AtomicLong uniqueIds = new AtomicLong(1_000_000);

    TapApiHandler(Vertx vertx, TapSandboxSettings settings, SandboxTime time, CallLog calls, TokenIssuer tokens,
                  SandboxFaults faults, TapProcedures procedures) {
        this.vertx = vertx;
        this.settings = settings;
        this.time = time;
        this.calls = calls;
        this.tokens = tokens;
        this.faults = faults;
        this.procedures = procedures;
    }

    void handle(RoutingContext ctx) {
        // the latency is the time to answer: the request is processed at once and answered when it has passed
        ctx.put(ANSWER_AT, System.nanoTime() + settings.latency().toNanos());
        HttpMethod method = ctx.request().method();
        CallLog.Entry call = calls.arrive(time.instant(), method.name(), ctx.request().path());
        String raw;
        boolean badQuery = false;
        try {
            raw = HttpMethod.GET.equals(method) ? single(ctx.queryParam("request")) : bodyText(ctx);
        } catch (RuntimeException e) {
            raw = null; // a query string that is not valid URL encoding; answered as a 400 after the auth check
            badQuery = true;
        }
        Envelope.peekProcName(raw).ifPresent(call::procName);
        String envelopeText = raw;
        boolean malformed = badQuery;
        process(ctx, call, method, envelopeText, malformed);
    }

    private void process(RoutingContext ctx, CallLog.Entry call, HttpMethod method, String raw, boolean malformedQuery) {
        try {
            SandboxFaults.RateLimit limit = faults.takeRateLimit();
            if (limit != null) {
                ctx.response().putHeader("Retry-After", String.valueOf(limit.retryAfterSeconds()));
                send(ctx, call, 429, TapResponses.throttled(), null);
                return;
            }
            TokenIssuer.Check auth = tokens.check(ctx.request().getHeader("Authorization"));
            if (auth.verdict() != TokenIssuer.Verdict.VALID) {
                boolean expired = auth.verdict() == TokenIssuer.Verdict.EXPIRED;
                ctx.response().putHeader("WWW-Authenticate", "Bearer");
                send(ctx, call, 401, expired ? TapResponses.authFault("900903", "Access Token Expired")
                        : TapResponses.authFault("900902", "Invalid Credentials"), null);
                return;
            }
            String uniqueId = String.valueOf(uniqueIds.incrementAndGet());
            Envelope envelope;
            try {
                if (malformedQuery) {
                    throw new TapError("the query string is not valid URL encoding");
                }
                envelope = envelope(ctx, method, raw);
            } catch (TapError e) {
                send(ctx, call, 400, TapResponses.businessError(e.problems(), errorsAsArray(call, method), uniqueId), uniqueId);
                return;
            }
            Duration slow = null;
            SandboxFaults.Failure failure = null;
            SandboxFaults.Odd odd = null;
            if (envelope.procedure() == ApiProcedure.TAP_CREATE_ORDER_API) {
                failure = faults.takeCreateFailure();
                slow = failure == null ? faults.takeSlowCreate() : null;
                odd = failure == null && slow == null ? faults.takeOddCreate() : null;
            } else if (envelope.procedure().method() == HttpMethod.GET) {
                failure = faults.takeGetFailure();
            }
            if (failure != null) {
                SandboxFaults.Failure injected = failure;
                ApiProcedure procedure = envelope.procedure();
                whenDue(ctx, () -> {
                    call.complete(injected.httpStatus(), null);
                    TapResponses.writeInjected(ctx, injected.httpStatus());
                    LOG.debug("{} answered with injected HTTP {}", procedure, injected.httpStatus());
                });
                return;
            }
            int status;
            ObjectNode body;
            try {
                body = procedures.handle(envelope, auth.clientId(), uniqueId);
                status = 200;
            } catch (TapError e) {
                body = TapResponses.businessError(e.problems(), envelope.procedure().errorsAsArray(), uniqueId);
                status = 400;
            }
            if (odd != null && status == 200) {
                // the order is in the book; only the answer is odd
                SandboxFaults.Odd oddAnswer = odd;
                ObjectNode created = body;
                later(odd.delay(), () -> sendOdd(ctx, call, oddAnswer.answer(), created, uniqueId));
                return;
            }
            int finalStatus = status;
            ObjectNode finalBody = body;
            // a slowed create is already in the order book; only the answer waits
            later(slow == null ? Duration.ZERO : slow, () -> send(ctx, call, finalStatus, finalBody, uniqueId));
        } catch (RuntimeException e) {
            LOG.error("TAP sandbox failed on {} {}", call.procName(), e.toString(), e);
            send(ctx, call, 500, TapResponses.serverError(500, "Internal Server Error"), null);
        }
    }

    private Envelope envelope(RoutingContext ctx, HttpMethod method, String raw) throws TapError {
        if (HttpMethod.GET.equals(method)) {
            List<String> others = ctx.queryParams().names().stream().filter(n -> !"request".equals(n)).sorted().toList();
            if (!others.isEmpty()) {
                throw new TapError(others.stream().map(n -> n + ": is not a valid query parameter; send the TAP envelope as 'request'").toList());
            }
            if (ctx.queryParam("request").size() > 1) {
                throw new TapError("request: the query parameter must be given once");
            }
            if (raw == null || raw.isBlank()) {
                throw new TapError("request: the query parameter with the TAP envelope is missing");
            }
        } else if (HttpMethod.POST.equals(method)) {
            String contentType = ctx.request().getHeader("Content-Type");
            if (contentType != null && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
                throw new TapError("Content-Type must be application/json, not " + contentType);
            }
            if (raw == null || raw.isBlank()) {
                throw new TapError("the request body with the TAP envelope is missing");
            }
        } else {
            throw new TapError("HTTP " + method.name() + " is not supported; the TAP Store APIs take GET and POST");
        }
        return Envelope.parse(raw, method);
    }

    /** The error shape of the named procedure; when the name is unreadable, arrays for POST and strings for GET. */
    private static boolean errorsAsArray(CallLog.Entry call, HttpMethod method) {
        return ApiProcedure.byName(call.procName()).map(ApiProcedure::errorsAsArray)
                .orElse(HttpMethod.POST.equals(method));
    }

    private void send(RoutingContext ctx, CallLog.Entry call, int status, ObjectNode body, String uniqueId) {
        String json = SandboxJson.write(body); // before the wait: the latency is the whole time to answer
        whenDue(ctx, () -> {
            call.complete(status, uniqueId);
            TapResponses.writeJson(ctx, status, json);
            LOG.debug("{} {} -> HTTP {} uniqueId {}", ctx.request().method(), call.procName(), status, uniqueId);
        });
    }

    private void sendOdd(RoutingContext ctx, CallLog.Entry call, SandboxFaults.OddAnswer odd, ObjectNode created, String uniqueId) {
        switch (odd) {
            case OK_WITHOUT_UNIQUE_ID -> {
                ObjectNode body = created.deepCopy();
                body.remove("uniqueId");
                send(ctx, call, 200, body, uniqueId);
            }
            case ACCEPTED -> send(ctx, call, 202, created, uniqueId);
            case CONFLICT -> send(ctx, call, 409, TapResponses.serverError(409, "Conflict"), uniqueId);
            case OK_NOT_JSON -> whenDue(ctx, () -> {
                call.complete(200, uniqueId);
                ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html").end("<html><body>OK</body></html>");
            });
            case GATEWAY_TIMEOUT -> whenDue(ctx, () -> {
                call.complete(504, uniqueId);
                TapResponses.writeInjected(ctx, 504);
            });
            default -> throw new IllegalStateException(odd.name());
        }
    }

    /** Runs {@code answer} once the configured latency has passed since the request arrived (at once if it has). */
    private void whenDue(RoutingContext ctx, Runnable answer) {
        Long answerAt = ctx.get(ANSWER_AT);
        long waitNanos = answerAt == null ? 0 : answerAt - System.nanoTime();
        later(Duration.ofNanos(Math.max(0, waitNanos)), answer);
    }

    private void later(Duration delay, Runnable action) {
        long ms = (delay.toNanos() + 999_999) / 1_000_000; // rounded up: never answer before the latency has passed
        if (ms <= 0) {
            action.run();
        } else {
            vertx.setTimer(ms, id -> action.run());
        }
    }

    private static String single(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    private static String bodyText(RoutingContext ctx) {
        return ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().asString("UTF-8");
    }
}
