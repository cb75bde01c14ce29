package io.tapbridge.sandbox.tapio;

import io.tapbridge.tapio.CustomerRules;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The body of "Create new Customer", read field by field as the text documents it (its spelling
 * {@code adminUsereMail} included). Only adminUserTitle and applicationSettings.timeZone are marked
 * optional in the text, so every other field is required. {@code customerNumber} is a top-level field:
 * the text's JSON shows it after timeZone without closing applicationSettings, and a customer number
 * is no application setting.
 */
final class CustomerForm {

    private static final Set<String> FIELDS = Set.of("adminUsereMail", "adminUserTitle", "adminUserFirstName",
            "adminUserLastName", "companyName", "companyStreet", "companyTown", "companyZipCode", "companyCountry",
            "companyVat", "localeId", "telVoice", "applicationSettings", "customerNumber");
    private static final Set<String> SETTINGS_FIELDS = Set.of("timeZone");
    private static final Set<String> TITLES = Set.of("Mr", "Mrs", "Company");
    /** "Telephone number has to start with 00xx": 00, then digits and blanks, at least 7 digits in all. */
    /** A plausible address; tapio's own check is not published. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private CustomerForm() {
    }

    /** The customer the body describes, under a new subscription id; 400 listing every violated rule. */
    static SandboxCustomer read(JsonNode body, TapioSeed seed, String subscriptionId) throws ApiError {
        BodyReader r = BodyReader.of(body, FIELDS);
        String email = r.requiredText("adminUsereMail").filter(e -> valid(r, "adminUsereMail", isEmail(e.trim()),
                "'" + e + "' is not a valid e-mail address")).map(String::trim).orElse(null);
        String title = r.optionalText("adminUserTitle").flatMap(t -> title(r, t)).orElse(null);
        String firstName = r.requiredText("adminUserFirstName").orElse(null);
        String lastName = r.requiredText("adminUserLastName").orElse(null);
        String companyName = r.requiredText("companyName").orElse(null);
        String street = r.requiredText("companyStreet").orElse(null);
        String town = r.requiredText("companyTown").orElse(null);
        String zip = r.requiredText("companyZipCode").orElse(null);
        String country = r.requiredText("companyCountry").flatMap(c -> country(r, c)).orElse(null);
        String vat = r.requiredText("companyVat").orElse(null);
        String locale = r.requiredText("localeId").flatMap(l -> culture(r, l)).orElse(null);
        String phone = r.requiredText("telVoice").filter(t -> phone(r, t)).map(String::trim).orElse(null);
        String timeZone = r.object("applicationSettings", SETTINGS_FIELDS, false)
                .flatMap(s -> s.optionalText("timeZone").flatMap(z -> timeZone(s, z, seed)))
                .orElse(null);
        String customerNumber = r.requiredText("customerNumber").map(String::trim).orElse(null);
        if (country != null && vat != null && CountryConventions.isEu(country) && !CountryConventions.viesAccepts(country, vat)) {
            r.problem("companyVat", "'" + vat + "' is not a valid VAT number for " + country + " (VIES): it must start with "
                    + CountryConventions.vatPrefix(country) + " followed by 2 to 12 letters or digits");
        }
        r.check();
        return new SandboxCustomer(subscriptionId, customerNumber, companyName, email, locale,
                timeZone != null ? timeZone : seed.defaultTimeZone(country), country, vat.trim(), street, town, zip,
                title, firstName, lastName, phone, CountryConventions.currency(country),
                CountryConventions.systemOfUnits(country), CountryConventions.paperFormat(country), false);
    }

    static boolean isEmail(String address) {
        return EMAIL.matcher(address).matches();
    }

    private static Optional<String> title(BodyReader r, String title) {
        Optional<String> known = TITLES.stream().filter(t -> t.equalsIgnoreCase(title.trim())).findFirst();
        if (known.isEmpty()) {
            r.problem("adminUserTitle", "'" + title + "' is not valid (Mr, Mrs, Company)");
        }
        return known;
    }

    private static Optional<String> country(BodyReader r, String country) {
        String code = country.trim().toUpperCase(Locale.ROOT);
        if (code.length() != 2 || !CountryConventions.isCountry(code)) {
            r.problem("companyCountry", "'" + country + "' is not an ISO 3166-1 alpha-2 country code");
            return Optional.empty();
        }
        return Optional.of(code);
    }

    private static Optional<String> culture(BodyReader r, String locale) {
        Optional<String> culture = Cultures.canonical(locale);
        if (culture.isEmpty()) {
            r.problem("localeId", "'" + locale + "' is not a culture name such as de-DE or en-US");
        }
        return culture;
    }

    private static boolean phone(BodyReader r, String phone) {
        String t = phone.trim();
        if (!t.startsWith("00")) {
            r.problem("telVoice", "must start with 00 (international format, e.g. 0049 7452 84700)");
            return false;
        }
        if (!CustomerRules.isTelVoice(t)) {
            r.problem("telVoice", "'" + phone + "' may contain only digits, blanks, '/' and '-' after 00 and the country code, at least 7 digits");
            return false;
        }
        return true;
    }

    private static Optional<String> timeZone(BodyReader settings, String zone, TapioSeed seed) {
        Optional<String> known = seed.timeZone(zone.trim());
        if (known.isEmpty()) {
            settings.problem("timeZone", "'" + zone + "' is not a Windows time zone id (e.g. W. Europe Standard Time)");
        }
        return known;
    }

    private static boolean valid(BodyReader r, String field, boolean ok, String problem) {
        if (!ok) {
            r.problem(field, problem);
        }
        return ok;
    }
}
