package io.tapbridge.sandbox.tapio;

import io.tapbridge.sandbox.SandboxJson;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * Azure AD's client-credentials token endpoint for tapio, both versions:
 * {@code POST /{tenant}/oauth2/token} with {@code resource=<resource>} (v1) and
 * {@code POST /{tenant}/oauth2/v2.0/token} with {@code scope=<resource>/.default} (v2). The client id
 * and secret come as form fields or as HTTP Basic auth. The client decides the token's role. Answers
 * are shaped as Azure AD's: v1 gives its numbers as strings ("expires_in": "3600") and adds
 * expires_on, not_before and resource; v2 gives numbers. Neither secrets nor tokens are logged.
 */
final class TokenEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);

    private final TapioSandboxSettings settings;
    private final TapioTokens tokens;
    private final SandboxClock clock;

    TokenEndpoint(TapioSandboxSettings settings, TapioTokens tokens, SandboxClock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.clock = clock;
    }

    void register(RouteTable routes) {
        routes.post("/:tenant/oauth2/token", Access.TOKEN_REQUEST, r -> issue(r, false))
                .post("/:tenant/oauth2/v2.0/token", Access.TOKEN_REQUEST, r -> issue(r, true));
    }

    private ApiAnswer issue(ApiRequest request, boolean v2) {
        if (!settings.tenant().equalsIgnoreCase(request.pathText("tenant"))) {
            return error(400, "invalid_request", 90002, "Tenant '" + request.pathText("tenant") + "' not found.");
        }
        String contentType = request.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return error(400, "invalid_request", 900144, "The request body must be application/x-www-form-urlencoded.");
        }
        MultiMap form = request.form();
        String authorization = request.header("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        String[] client = basic ? basicCredentials(authorization.substring(6).trim())
                : new String[] {form.get("client_id"), form.get("client_secret")};
        ClientRole role = client == null ? null : role(client[0], client[1]);
        if (role == null) {
            LOG.debug("tapio token refused: invalid client");
            return error(401, "invalid_client", 7000215, "Invalid client secret provided, or the client is unknown.");
        }
        request.granted(role);
        String grantType = form.get("grant_type");
        if (!"client_credentials".equals(grantType)) {
            return grantType == null
                    ? error(400, "invalid_request", 900144, "The request body must contain the parameter 'grant_type'.")
                    : error(400, "unsupported_grant_type", 70003, "The grant type '" + grantType + "' is not supported.");
        }
        ApiAnswer refused = v2 ? checkScope(form.get("scope")) : checkResource(form.get("resource"));
        if (refused != null) {
            return refused;
        }
        String clientId = client[0];
        long lifetime = settings.tokenLifetime().toSeconds();
        Instant now = clock.now();
        String token = tokens.issue(role, clientId, settings.tokenLifetime());
        ObjectNode body = SandboxJson.object();
        body.put("token_type", "Bearer");
        if (v2) {
            body.put("expires_in", lifetime);
            body.put("ext_expires_in", lifetime);
        } else {
            body.put("expires_in", String.valueOf(lifetime));
            body.put("ext_expires_in", String.valueOf(lifetime));
            body.put("expires_on", String.valueOf(now.getEpochSecond() + lifetime));
            body.put("not_before", String.valueOf(now.getEpochSecond()));
            body.put("resource", settings.resource());
        }
        body.put("access_token", token);
        LOG.debug("tapio token issued to the {} client ({} s, {} via {})", role.wireName(), lifetime, v2 ? "v2" : "v1",
                basic ? "Basic auth" : "form");
        return ApiAnswer.json(200, body).withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    }

    private ClientRole role(String clientId, String secret) {
        if (clientId == null || secret == null) {
            return null;
        }
        if (clientId.equals(settings.manufacturerClientId()) && secretMatches(secret, settings.manufacturerClientSecret())) {
            return ClientRole.MANUFACTURER;
        }
        if (clientId.equals(settings.developerClientId()) && secretMatches(secret, settings.developerClientSecret())) {
            return ClientRole.DEVELOPER;
        }
        return null;
    }

    /** v1: the resource must be tapio's management API gateway. */
    private ApiAnswer checkResource(String resource) {
        if (resource == null || resource.isBlank()) {
            return error(400, "invalid_request", 900144, "The request body must contain the following parameter: 'resource'.");
        }
        return knownResource(resource.trim());
    }

    /** v2: client credentials need "<resource>/.default". */
    private ApiAnswer checkScope(String scope) {
        if (scope == null || scope.isBlank()) {
            return error(400, "invalid_request", 900144, "The request body must contain the following parameter: 'scope'.");
        }
        String s = scope.trim();
        if (!s.endsWith("/.default")) {
            return error(400, "invalid_scope", 1002012, "The provided value for scope " + s + " is not valid. Client credential"
                    + " flows must have a scope value with /.default suffixed to the resource identifier.");
        }
        return knownResource(s.substring(0, s.length() - "/.default".length()));
    }

    private ApiAnswer knownResource(String resource) {
        if (stripSlash(resource).equals(stripSlash(settings.resource()))) {
            return null;
        }
        return error(400, "invalid_resource", 500011, "The resource principal named " + resource
                + " was not found in the tenant named " + settings.tenant() + ".");
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Azure AD's error body: error, error_description with its AADSTS code, error_codes. */
    private static ApiAnswer error(int status, String code, int aadsts, String description) {
        ObjectNode body = SandboxJson.object();
        body.put("error", code);
        body.put("error_description", "AADSTS" + aadsts + ": " + description);
        body.putArray("error_codes").add(aadsts);
        ApiAnswer answer = ApiAnswer.json(status, body).withHeader("Cache-Control", "no-store");
        return status == 401 ? answer.withHeader("WWW-Authenticate", "Basic realm=\"tapio-sandbox\"") : answer;
    }

    /** RFC 6749 form-encodes id and secret inside Basic auth; most clients do not, so both readings count. */
    private static String[] basicCredentials(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {formDecode(decoded.substring(0, colon)), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String formDecode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static boolean secretMatches(String given, String expected) {
        if (constantTimeEquals(given, expected)) {
            return true;
        }
        return constantTimeEquals(formDecode(given), expected);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
