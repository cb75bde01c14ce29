package io.tapbridge.sandbox.tapio;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The licence list's continuation token: opaque to clients, shaped like the text's example
 * ("-RID:IDVQdYALe2seBzAQAAAAAAAA=="). It always contains '+', '/' and '=', so a client that does not
 * URL-encode it ("The continuationToken must be URL-encoded") sends a token that no longer decodes, and
 * gets 400 instead of a silently wrong page. It names the application and the position of the next page.
 */
final class ContinuationToken {

    private static final String PREFIX = "-RID:";
    /** 0xFB 0xFF encode to "+/" in Base64; one more byte makes the padding "==". */
    private static final byte[] MARK = {(byte) 0xFB, (byte) 0xFF};

    private ContinuationToken() {
    }

    static String encode(String applicationId, int position) {
        byte[] text = (applicationId + "|" + position).getBytes(StandardCharsets.UTF_8);
        int padding = (3 - (MARK.length + text.length) % 3) % 3; // blanks, then one more: the length is ≡ 1 (mod 3)
        byte[] payload = new byte[MARK.length + text.length + padding + 1];
        System.arraycopy(MARK, 0, payload, 0, MARK.length);
        System.arraycopy(text, 0, payload, MARK.length, text.length);
        Arrays.fill(payload, MARK.length + text.length, payload.length, (byte) ' ');
        return PREFIX + Base64.getEncoder().encodeToString(payload);
    }

    /** The position a token points at; 400 when it is not one of this application's tokens. */
    static int decode(String token, String applicationId, int size) throws ApiError {
        String problem = "'" + token + "' is not a valid continuation token for application " + applicationId
                + " (tokens must be URL-encoded)";
        if (!token.startsWith(PREFIX)) {
            throw ApiError.invalid("continuationToken", problem);
        }
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(token.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("continuationToken", problem);
        }
        if (payload.length <= MARK.length || payload[0] != MARK[0] || payload[1] != MARK[1]) {
            throw ApiError.invalid("continuationToken", problem);
        }
        String[] parts = new String(payload, MARK.length, payload.length - MARK.length, StandardCharsets.UTF_8).trim().split("\\|");
        int position;
        try {
            position = parts.length == 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            position = -1;
        }
        if (!parts[0].equals(applicationId) || position < 0 || position > size) {
            throw ApiError.invalid("continuationToken", problem);
        }
        return position;
    }
}
