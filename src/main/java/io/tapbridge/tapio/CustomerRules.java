package io.tapbridge.tapio;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * tapio's rules for the values the bridge sends (a new customer's, a machine's tmidPostfix), in one place: the bridge
 * checks them before any call, and the tapio sandbox refuses by the same rules, so that the two never disagree.
 */
public final class CustomerRules {

    /** "Telephone number has to start with 00xx": 00, the country code, then digits, blanks, '/' or '-'. */
    private static final Pattern TEL_VOICE = Pattern.compile("00[1-9][0-9 /-]*");
    /** Digits a telephone number has at least, the 00 included. */
    private static final int TEL_VOICE_DIGITS = 7;
    /** .NET culture names: language, optional script, region ("de-DE", "zh-Hans-CN", "sr-Latn-RS", "es-419"). */
    private static final Pattern CULTURE = Pattern.compile("([A-Za-z]{2,3})(?:-([A-Za-z]{4}))?-([A-Za-z]{2}|[0-9]{3})");
    /** A tmidPostfix (the serial number when none is given): 1 to 100 URL-safe characters, as tapio takes them. */
    private static final Pattern TMID_POSTFIX = Pattern.compile("[A-Za-z0-9._~-]{1,100}");
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private CustomerRules() {
    }

    public static boolean isTelVoice(String value) {
        String t = value.strip();
        return TEL_VOICE.matcher(t).matches() && t.chars().filter(Character::isDigit).count() >= TEL_VOICE_DIGITS;
    }

    /** The culture name in .NET's spelling ("de-de" → "de-DE", "zh-hans-cn" → "zh-Hans-CN"); empty when it is none. */
    public static Optional<String> culture(String name) {
        var m = CULTURE.matcher(name.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String language = m.group(1).toLowerCase(Locale.ROOT);
        String region = m.group(3).toUpperCase(Locale.ROOT);
        if (!LANGUAGES.contains(language) || !(COUNTRIES.contains(region) || region.chars().allMatch(Character::isDigit))) {
            return Optional.empty();
        }
        String script = m.group(2) == null ? "" : "-" + m.group(2).substring(0, 1).toUpperCase(Locale.ROOT)
                + m.group(2).substring(1).toLowerCase(Locale.ROOT);
        return Optional.of(language + script + "-" + region);
    }

    public static boolean isTmidPostfix(String value) {
        return TMID_POSTFIX.matcher(value).matches();
    }

    public static boolean isCountry(String code) {
        return COUNTRIES.contains(code);
    }
}
