package io.tapbridge.tapio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Paths of tapio's management API with their variable parts encoded (a tmid or a metadata key may hold anything). */
final class TapioPath {

    private TapioPath() {
    }

    static String of(String template, Object... segments) {
        Object[] encoded = new Object[segments.length];
        for (int i = 0; i < segments.length; i++) {
            encoded[i] = URLEncoder.encode(String.valueOf(segments[i]), StandardCharsets.UTF_8).replace("+", "%20");
        }
        return String.format(java.util.Locale.ROOT, template, encoded);
    }
}
