package io.tapbridge.sandbox.tapio;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What every request goes through, in this order: recorded in the call log; unknown path 404, other
 * method 405; then for API routes the gateway's checks: rate limit (429), bearer token (401), the
 * token's role (403); then an injected failure (failNext), the route itself under the state lock, and
 * a slowed answer (slowNext). The answer is serialised at once and sent when the latency (counted from
 * arrival) and any slowNext delay have passed, by a Vert.x timer: the event loop never sleeps. Bodies,
 * tokens and secrets are not logged.
 */
final class ApiGate {

    private static final Logger LOG = LoggerFactory.getLogger(ApiGate.class);

    private final Vertx vertx;
    private final TapioSandboxSettings settings;
    private final CallLog calls;
    private final TapioTokens tokens;
    private final TapioFaults faults;
    private final TapioState state;

    ApiGate(Vertx vertx, TapioSandboxSettings settings, CallLog calls, TapioTokens tokens,
            TapioFaults faults, TapioState state) {
        this.vertx = vertx;
        this.settings = settings;
        this.calls = calls;
        this.tokens = tokens;
        this.faults = faults;
        this.state = state;
    }

    /** @param methods the routes of the pattern that matched the path, by method; null when no pattern matched */
    void handle(RoutingContext ctx, Map<String, ApiRoute> methods) {
        long arrival = System.nanoTime();
        String method = ctx.request().method().name();
        String path = ctx.request().path();
        ApiRoute route = methods == null ? null : methods.get(method);
        boolean api = route != null && route.access() != Access.TOKEN_REQUEST;
        Optional<TapioTokens.Grant> grant = api ? tokens.grant(ctx.request().getHeader("Authorization")) : Optional.empty();
        CallLog.Entry call = calls.arrive(method, path, ctx.request().query(),
                grant.map(TapioTokens.Grant::role).orElse(null));
        long dueAt = arrival + settings.latency().toNanos();
        ApiAnswer answer;
        try {
            answer = refusal(method, path, methods, route, grant);
            if (answer == null) {
                OptionalInt failure = faults.takeFailure(method, path);
                if (failure.isPresent()) {
                    answer = injected(failure.getAsInt());
                } else {
                    Optional<Duration> slow = faults.takeSlow(method, path);
                    ApiRequest request = new ApiRequest(ctx, grant.map(TapioTokens.Grant::role).orElse(null));
                    answer = run(route, request);
                    if (request.grantedRole() != null) {
                        call.role(request.grantedRole());
                    }
                    if (slow.isPresent()) {
                        dueAt = Math.max(dueAt, arrival + slow.get().toNanos());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.error("tapio sandbox failed on {} {}: {}", method, path, e.toString(), e);
            answer = ApiError.internal().toAnswer();
        }
        send(ctx, call, answer, dueAt);
    }

    /** The answer of the path and gateway checks, or null when the request may reach its route. */
    private ApiAnswer refusal(String method, String path, Map<String, ApiRoute> methods, ApiRoute route,
                              Optional<TapioTokens.Grant> grant) {
        if (methods == null) {
            return ApiError.notFound("No route matches " + method + " " + path + ".").toAnswer();
        }
        if (route == null) {
            String allowed = String.join(", ", methods.keySet());
            return new ApiError(405, "The method " + method + " is not allowed on " + path + "; allowed: " + allowed + ".", List.of())
                    .toAnswer().withHeader("Allow", allowed);
        }
        if (route.access() == Access.TOKEN_REQUEST) {
            return null;
        }
        OptionalInt retryAfter = faults.takeRateLimit();
        if (retryAfter.isPresent()) {
            int seconds = retryAfter.getAsInt();
            return new ApiError(429, "Rate limit is exceeded. Try again in " + seconds + " seconds.", List.of()).toAnswer()
                    .withHeader("Retry-After", String.valueOf(seconds));
        }
        if (grant.isEmpty() || !tokens.valid(grant.get())) {
            String why = grant.isPresent() ? "the access token has expired or was revoked"
                    : "Authorization: a bearer token issued by the token endpoint is required";
            return new ApiError(401, "Unauthorized. Access token is missing, invalid or expired.", List.of(why)).toAnswer()
                    .withHeader("WWW-Authenticate", grant.isPresent() ? "Bearer error=\"invalid_token\"" : "Bearer");
        }
        ClientRole role = grant.get().role();
        if (role != route.access().role()) {
            return ApiError.forbidden(route.access() == Access.DEVELOPER
                    ? "This route requires a developer subscription's client: licenses are managed in scope of a developer"
                    + " subscription. The token was issued to the manufacturer's client."
                    : "This route requires the manufacturer's client: machines, customers, onboarding and application"
                    + " assignments act as the manufacturer. The token was issued to a developer subscription's client.").toAnswer();
        }
        return null;
    }

    private ApiAnswer run(ApiRoute route, ApiRequest request) {
        try {
            return state.locked(() -> route.handler().handle(request));
        } catch (ApiError e) {
            return e.toAnswer();
        }
    }

    private static ApiAnswer injected(int status) {
        HttpResponseStatus s = HttpResponseStatus.valueOf(status);
        return new ApiError(status, s.reasonPhrase(), List.of("injected by the tapio sandbox (failNext)")).toAnswer();
    }

    private void send(RoutingContext ctx, CallLog.Entry call, ApiAnswer answer, long dueAtNanos) {
        Runnable write = () -> {
            call.complete(answer.status());
            write(ctx.response(), answer);
            LOG.debug("{} {} -> HTTP {}", ctx.request().method(), ctx.request().path(), answer.status());
        };
        long waitMs = (dueAtNanos - System.nanoTime() + 999_999) / 1_000_000; // rounded up: never before it is due
        if (waitMs <= 0) {
            write.run();
        } else {
            vertx.setTimer(waitMs, id -> write.run());
        }
    }

    private static void write(HttpServerResponse response, ApiAnswer answer) {
        if (response.ended() || response.closed()) {
            return; // the client gave up (timed out on a slowed answer): nothing to answer
        }
        response.setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        if (answer.contentType() != null) {
            response.putHeader("Content-Type", answer.contentType());
        }
        response.end(answer.body());
    }
}
