package io.tapbridge.tapio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A path of tapio's management API with its variable parts encoded (a tmid or a metadata key may hold anything),
 * and the template it was made from: the call's name in the metrics, where ids and keys must not show.
 */
public record TapioPath(String template, String path) {

    public static TapioPath of(String template, Object... segments) {
        Object[] encoded = new Object[segments.length];
        for (int i = 0; i < segments.length; i++) {
            encoded[i] = URLEncoder.encode(String.valueOf(segments[i]), StandardCharsets.UTF_8).replace("+", "%20");
        }
        return new TapioPath(template, String.format(Locale.ROOT, template, encoded));
    }

    /** A path without variable parts. */
    public static TapioPath fixed(String path) {
        return new TapioPath(path, path);
    }

    /** "GET /management/manufacturer/machines/{}": the call's name in the metrics. */
    String procedure(String method) {
        return method + " " + template.replace("%s", "{}");
    }

    @Override
    public String toString() {
        return path;
    }
}
