package io.tapbridge.sandbox.tapio;

/**
 * One request the sandbox received (API or token endpoint), in arrival order.
 *
 * @param path   the path without the query
 * @param query  the raw query string as received (still URL-encoded), null when there was none
 * @param role   "manufacturer" or "developer" when the request carried a token this sandbox issued
 *               (even an expired one) or, at the token endpoint, valid client credentials; else null
 * @param status the HTTP status answered; 0 while the answer is still pending (latency, slowNext)
 */
public record TapioCall(String method, String path, String query, String role, int status) {
}
