package io.tapbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * POST /oauth/token, OAuth2 client credentials as Trimble Identity takes them: the client id and secret
 * either as form fields or as HTTP Basic auth. Answers {"access_token","token_type","expires_in"} or
 * {"error":…}. Neither secrets nor tokens are ever logged.
 */
final class TokenEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);

    private final TapSandboxSettings settings;
    private final TokenIssuer tokens;
    private final CallLog calls;
    private final SandboxTime time;

    TokenEndpoint(TapSandboxSettings settings, TokenIssuer tokens, CallLog calls, SandboxTime time) {
        this.settings = settings;
        this.tokens = tokens;
        this.calls = calls;
        this.time = time;
    }

    void handle(RoutingContext ctx) {
        CallLog.Entry call = calls.arrive(time.instant(), ctx.request().method().name(), ctx.request().path());
        ctx.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            answer(ctx, call, 400, error("invalid_request"));
            return;
        }
        MultiMap form = ctx.request().formAttributes();
        String authorization = ctx.request().getHeader("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        String[] client = basic ? basicCredentials(authorization.substring(6).trim())
                : new String[] {form.get("client_id"), form.get("client_secret")};
        if (client == null || !matches(client[0], settings.clientId()) || !matches(client[1], settings.clientSecret())) {
            if (basic) {
                ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"tap-sandbox\"");
            }
            LOG.debug("token refused: invalid client");
            answer(ctx, call, 401, error("invalid_client"));
            return;
        }
        String grantType = form.get("grant_type");
        if (grantType == null) {
            answer(ctx, call, 400, error("invalid_request"));
            return;
        }
        if (!"client_credentials".equals(grantType)) {
            answer(ctx, call, 400, error("unsupported_grant_type"));
            return;
        }
        String scope = form.get("scope");
        if (scope == null || !settings.scope().equals(scope.trim())) {
            answer(ctx, call, 400, error("invalid_scope"));
            return;
        }
        ObjectNode body = SandboxJson.object();
        body.put("access_token", tokens.issue(settings.clientId(), settings.tokenLifetime()));
        body.put("token_type", "Bearer");
        body.put("expires_in", settings.tokenLifetime().toSeconds());
        LOG.debug("token issued to client {} ({} via {})", settings.clientId(), settings.tokenLifetime(), basic ? "Basic auth" : "form");
        answer(ctx, call, 200, body);
    }

    private static void answer(RoutingContext ctx, CallLog.Entry call, int status, ObjectNode body) {
        call.complete(status, null);
        TapResponses.writeJson(ctx, status, body);
    }

    private static ObjectNode error(String code) {
        ObjectNode body = SandboxJson.object();
        body.put("error", code);
        return body;
    }

    /** RFC 6749 form-encodes id and secret inside Basic auth; most clients do not, so both readings count. */
    private static String[] basicCredentials(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean matches(String given, String expected) {
        if (given == null) {
            return false;
        }
        if (constantTimeEquals(given, expected)) {
            return true;
        }
        try {
            return constantTimeEquals(URLDecoder.decode(given, StandardCharsets.UTF_8), expected);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
