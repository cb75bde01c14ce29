package io.tapbridge.sandbox.tapio;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.tapbridge.tapio.CustomerRules;

/**
 * .NET culture names as the texts use them ("de-DE", "en-US", "zh-Hans-CN"; the create-customer example sends
 * "de-de"): a language, a script perhaps and a region, matched ignoring case, answered in .NET's spelling.
 */
final class Cultures {

    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private Cultures() {
    }

    /** "de-de" → "de-DE", "zh-hans-cn" → "zh-Hans-CN": the bridge's own rule ({@link CustomerRules#culture}). */
    static Optional<String> canonical(String name) {
        return CustomerRules.culture(name);
    }

    /** A two-letter ISO 639-1 language in lower case ("de"). */
    static Optional<String> language(String code) {
        String lower = code.trim().toLowerCase(Locale.ROOT);
        return lower.length() == 2 && LANGUAGES.contains(lower) ? Optional.of(lower) : Optional.empty();
    }
}
