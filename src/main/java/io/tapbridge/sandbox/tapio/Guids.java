package io.tapbridge.sandbox.tapio;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Subscription and application ids are .NET Guids: they compare ignoring case, so the sandbox keeps
 * them in lower case and folds what it receives the same way.
 */
final class Guids {

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Guids() {
    }

    static boolean isGuid(String s) {
        return s != null && GUID.matcher(s).matches();
    }

    /** A Guid in lower case; anything else unchanged (it will not be found). */
    static String canonical(String s) {
        return isGuid(s) ? s.toLowerCase(Locale.ROOT) : s;
    }

    static String random() {
        return UUID.randomUUID().toString();
    }
}
