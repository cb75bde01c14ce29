package io.tapbridge.sandbox.tapio;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issues opaque bearer tokens and remembers whom each was issued to. Tokens are random, kept only in
 * memory and never logged. Expiry is judged on the sandbox clock.
 */
final class TapioTokens {

    /** What a token stands for. */
    record Grant(ClientRole role, String clientId, Instant expiresAt, boolean revoked) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SandboxClock clock;
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> issued = new ConcurrentHashMap<>();

    TapioTokens(SandboxClock clock) {
        this.clock = clock;
    }

    String issue(ClientRole role, String clientId, Duration lifetime) {
        byte[] bytes = new byte[48];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(role, clientId, clock.now().plus(lifetime), false));
        issued.computeIfAbsent(clientId, c -> new AtomicInteger()).incrementAndGet();
        return token;
    }

    /** The grant of an "Authorization: Bearer …" header's token if this sandbox issued it (expired or not). */
    Optional<Grant> grant(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.ofNullable(grants.get(authorization.substring(7).trim()));
    }

    boolean valid(Grant grant) {
        return !grant.revoked() && clock.now().isBefore(grant.expiresAt());
    }

    /** Every token issued so far is refused from now on. */
    void expireAll() {
        grants.replaceAll((token, g) -> new Grant(g.role(), g.clientId(), g.expiresAt(), true));
    }

    /** The tokens issued (for tests that prove no token reaches a log). */
    java.util.Set<String> tokens() {
        return java.util.Set.copyOf(grants.keySet());
    }

    int issued(String clientId) {
        AtomicInteger n = issued.get(clientId);
        return n == null ? 0 : n.get();
    }

    /** The counts start again; tokens already issued stay as they are, so a client's cached token still works. */
    void resetCounts() {
        issued.clear();
    }
}
