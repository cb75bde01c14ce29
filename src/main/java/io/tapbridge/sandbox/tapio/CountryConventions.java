package io.tapbridge.sandbox.tapio;

import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a country implies for a customer: whether its VAT number is checked against VIES (EU member
 * states), and the defaults the application settings report "depending on the country specified during
 * registration" (currency, system of units, paper format).
 */
final class CountryConventions {

    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    /** EU member states and the prefix VIES expects of their VAT numbers (Greece: EL). */
    private static final Map<String, String> EU_VAT_PREFIX = Map.ofEntries(
            Map.entry("AT", "AT"), Map.entry("BE", "BE"), Map.entry("BG", "BG"), Map.entry("CY", "CY"),
            Map.entry("CZ", "CZ"), Map.entry("DE", "DE"), Map.entry("DK", "DK"), Map.entry("EE", "EE"),
            Map.entry("ES", "ES"), Map.entry("FI", "FI"), Map.entry("FR", "FR"), Map.entry("GR", "EL"),
            Map.entry("HR", "HR"), Map.entry("HU", "HU"), Map.entry("IE", "IE"), Map.entry("IT", "IT"),
            Map.entry("LT", "LT"), Map.entry("LU", "LU"), Map.entry("LV", "LV"), Map.entry("MT", "MT"),
            Map.entry("NL", "NL"), Map.entry("PL", "PL"), Map.entry("PT", "PT"), Map.entry("RO", "RO"),
            Map.entry("SE", "SE"), Map.entry("SI", "SI"), Map.entry("SK", "SK"));

    private static final Set<String> IMPERIAL = Set.of("US", "LR", "MM");
    private static final Set<String> LETTER = Set.of("US", "CA", "MX", "CL", "CO", "VE", "PH", "CR", "GT", "PA", "DO", "PR", "SV", "NI");

    private CountryConventions() {
    }

    /** An ISO 3166-1 alpha-2 code, upper case. */
    static boolean isCountry(String code) {
        return ISO_COUNTRIES.contains(code);
    }

    static boolean isEu(String country) {
        return EU_VAT_PREFIX.containsKey(country);
    }

    /**
     * The VIES stand-in: after removing blanks, dots and dashes, an EU VAT number is the member state's
     * prefix and 2 to 12 letters or digits ("DE 318235124" passes for DE).
     */
    static boolean viesAccepts(String country, String vat) {
        String prefix = EU_VAT_PREFIX.get(country);
        String compact = vat.replaceAll("[\\s.\\-]", "").toUpperCase(Locale.ROOT);
        return prefix != null && compact.startsWith(prefix) && compact.substring(prefix.length()).matches("[0-9A-Z]{2,12}");
    }

    static String vatPrefix(String country) {
        return EU_VAT_PREFIX.get(country);
    }

    static String currency(String country) {
        try {
            Currency c = Currency.getInstance(new Locale("", country));
            return c == null ? "EUR" : c.getCurrencyCode();
        } catch (IllegalArgumentException e) {
            return "EUR";
        }
    }

    /** "Metric" or "Imperial", spelled as the text's example answers it. */
    static String systemOfUnits(String country) {
        return IMPERIAL.contains(country) ? "Imperial" : "Metric";
    }

    static String paperFormat(String country) {
        return LETTER.contains(country) ? "Letter" : "A4";
    }
}
