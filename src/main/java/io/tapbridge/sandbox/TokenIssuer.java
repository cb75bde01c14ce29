package io.tapbridge.sandbox;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issues opaque bearer tokens and judges the Authorization header of API calls. Tokens are random and
 * kept only in memory; they are never logged.
 */
final class TokenIssuer {

    enum Verdict { VALID, INVALID, EXPIRED }

    record Check(Verdict verdict, String clientId) {
    }

    private record Token(String clientId, Moment issued, Duration lifetime, boolean revoked) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SandboxTime time;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();

    TokenIssuer(SandboxTime time) {
        this.time = time;
    }

    String issue(String clientId, Duration lifetime) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, new Token(clientId, time.now(), lifetime, false));
        issued.incrementAndGet();
        return token;
    }

    /** Judges an "Authorization: Bearer …" header; a missing or unknown token is INVALID. */
    Check check(String authorization) {
        if (authorization == null) {
            return new Check(Verdict.INVALID, null);
        }
        String value = authorization.trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return new Check(Verdict.INVALID, null);
        }
        Token token = tokens.get(value.substring(7).trim());
        if (token == null) {
            return new Check(Verdict.INVALID, null);
        }
        if (token.revoked() || time.reached(token.issued(), token.lifetime())) {
            return new Check(Verdict.EXPIRED, token.clientId());
        }
        return new Check(Verdict.VALID, token.clientId());
    }

    /** Every token issued so far answers "Access Token Expired" from now on. */
    void expireAll() {
        tokens.replaceAll((k, t) -> new Token(t.clientId(), t.issued(), t.lifetime(), true));
    }

    int issued() {
        return issued.get();
    }

    /** The tokens issued and still known (for tests that prove no token reaches a log). */
    java.util.Set<String> tokens() {
        return java.util.Set.copyOf(tokens.keySet());
    }

    void clear() {
        tokens.clear();
        issued.set(0);
    }
}
