package io.tapbridge.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The bundle to renewal mapping at the end of TAP_CREATE_ORDER_API's usage notes: a part bought as part
 * of a bundle (identified by its description, ORIGINAL_PART_DESC) cannot be used to renew; the listed
 * REPLACABLE_PART must be used instead. Transcribed row by row from the text.
 *
 * <p>The text lists "…NAV-900 Bundle, CPN Activation - EU" twice, once with 128349-10 and once with
 * 128357-10; both are kept, so the refusal names both. "88213-10 or 88416-10 (if 88213-10 not in
 * pricelist)" is a preference order, resolved against the billTo's price list.
 */
final class BundleRenewals {

    /** One REPLACABLE_PART cell: the part numbers in order of preference, and their description. */
    record Replacement(List<String> partNumbers, String description) {
    }

    private static final String FAST_BASIC = "Ag Regional CenterPoint RTX Fast 1 Year on Basic";
    private static final String BASIC = "Ag Regional CenterPoint RTX 1 Year on Basic";
    private static final String CPN = "Ag CenterPoint RTX on Basic 1 Year, ";

    private static final Map<String, List<Replacement>> TABLE = new LinkedHashMap<>();

    static {
        row(CPN + "NAV-900 Bundle, CPN Activation - NAM", FAST_BASIC, "128349-10");
        row(CPN + "NAV-900 Bundle, CPN Activation - NLatAm", FAST_BASIC, "128349-10");
        row(CPN + "NAV-900 Bundle, CPN Activation - SLatAm", FAST_BASIC, "128349-10");
        row(CPN + "NAV-900 Bundle, CPN Activation - AUS/NZ", BASIC, "128357-10");
        row(CPN + "NAV-900 Bundle, CPN Activation - JP", BASIC, "128357-10");
        row(CPN + "NAV-900 Bundle, CPN Activation - CIS/RU", BASIC, "128357-10");
        row(CPN + "NAV-900 Bundle, CPN Activation - SE Asia", BASIC, "128357-10");
        row(CPN + "NAV-900 Bundle, CPN Activation - NAfrica", BASIC, "128357-10");
        row(CPN + "NAV-900 Bundle, CPN Activation - Global", BASIC, "128357-10");
        row(CPN + "NAV-900 Bundle, CPN Activation - EU", FAST_BASIC, "128349-10");
        row(CPN + "AG-392 Bundle, CPN Activation - NAM", FAST_BASIC, "128349-10");
        row(CPN + "AG-392 Bundle, CPN Activation - NLatAm", FAST_BASIC, "128349-10");
        row(CPN + "AG-392 Bundle, CPN Activation - SLatAm", FAST_BASIC, "128349-10");
        row(CPN + "AG-392 Bundle, CPN Activation - CIS/RU", BASIC, "128357-10");
        row(CPN + "AG-392 RTK Trade In Only Bundle, CPN Activation - Global", BASIC, "128357-10");
        row(CPN + "AG-392 Trade In Only Bundle, CPN Activation - Global", BASIC, "128357-10");
        row(CPN + "AG-392 Bundle, CPN Activation - Global", BASIC, "128357-10");
        row(CPN + "AG-392 Bundle, CPN Activation - EU", FAST_BASIC, "128349-10");
        row(CPN + "AG-392 Bundle, CPN Activation - AUS/NZ", BASIC, "128357-10");
        row("Ag Regional CenterPoint RTX 1 Year on Basic PTx Bundle",
                "Ag Regional CenterPoint RTX Fast 1 Year via Satellite", "88213-10", "88416-10");
        row(CPN + "NAV-900 Bundle, CPN Activation - EU", BASIC, "128357-10");
        row("Airborne and Land Factory Installed CenterPoint RTX Complete - 16 Months",
                "Airborne and Land CenterPoint RTX Complete - 1 Year", "133045-30");
        row("Airborne and Land Factory Installed CenterPoint RTX - 16 Months",
                "Airborne and Land CenterPoint RTX - 1 Year", "132670-30");
        row("Geospatial Continental FieldPoint RTX 1 Year - Activation Installed",
                "Geospatial Continental FieldPoint RTX 1 Year", "108524-40");
        row("Construction Site CenterPoint RTX 1 Year - Activation Installed",
                "Construction Site CenterPoint RTX 1 Year", "100731");
        row("Geospatial Continental CenterPoint RTX 1 Year - Activation Installed",
                "Geospatial Continental CenterPoint RTX 1 Year", "95690-20");
    }

    private BundleRenewals() {
    }

    private static void row(String originalDescription, String replacementDescription, String... partNumbers) {
        TABLE.computeIfAbsent(originalDescription, k -> new ArrayList<>())
                .add(new Replacement(List.of(partNumbers), replacementDescription));
    }

    /** The replacements when this description (exact spelling) is an ORIGINAL_PART_DESC of the table. */
    static Optional<List<Replacement>> forDescription(String partDescription) {
        return Optional.ofNullable(TABLE.get(partDescription)).map(List::copyOf);
    }

    static boolean isBundle(String partDescription) {
        return TABLE.containsKey(partDescription);
    }

    /**
     * "use 128349-10 (Ag Regional …)" with the first part of each preference list that the price list
     * offers; if none is offered, the first one and a pointer to Customer Care.
     */
    static String advice(List<Replacement> replacements, Predicate<String> inPriceList) {
        List<String> options = new ArrayList<>();
        for (Replacement r : replacements) {
            String chosen = r.partNumbers().stream().filter(inPriceList).findFirst().orElse(null);
            if (chosen != null) {
                options.add(chosen + " (" + r.description() + ")");
            } else {
                options.add(r.partNumbers().get(0) + " (" + r.description()
                        + "; not in this customer's price list, contact Customer Care)");
            }
        }
        return "use " + String.join(" or ", options);
    }
}
