package io.tapbridge.sandbox.tapio;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * .NET culture names as the texts use them ("de-DE", "en-US"; the create-customer example sends
 * "de-de"): a language and a region, matched ignoring case, answered in .NET's spelling.
 */
final class Cultures {

    private static final Pattern CULTURE = Pattern.compile("([A-Za-z]{2})-([A-Za-z]{2})");
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

    private Cultures() {
    }

    /** "de-de" → "de-DE"; empty when it is not a language-REGION pair of known codes. */
    static Optional<String> canonical(String name) {
        Matcher m = CULTURE.matcher(name.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        String language = m.group(1).toLowerCase(Locale.ROOT);
        String region = m.group(2).toUpperCase(Locale.ROOT);
        if (!LANGUAGES.contains(language) || !CountryConventions.isCountry(region)) {
            return Optional.empty();
        }
        return Optional.of(language + "-" + region);
    }

    /** A two-letter ISO 639-1 language in lower case ("de"). */
    static Optional<String> language(String code) {
        String lower = code.trim().toLowerCase(Locale.ROOT);
        return lower.length() == 2 && LANGUAGES.contains(lower) ? Optional.of(lower) : Optional.empty();
    }
}
