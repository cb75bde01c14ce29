package io.tapbridge.orders;

import static io.tapbridge.model.OrderColumn.*;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.tapbridge.ledger.OrderLines;
import io.tapbridge.model.OrderColumn;
import io.tapbridge.model.OrderLine;
import io.tapbridge.model.PurchaseOrder;
import io.tapbridge.model.Shown;

/**
 * Checks a PO against every rule the TAP_CREATE_ORDER_API text states, before any remote call.
 *
 * <p>A header-level error rejects every line of its PO; a line-level error rejects that line only. Messages
 * name the field, the value and the rule, in words an order desk understands.
 */
public final class OrderValidator {

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Set<String> ACTIVATION_TYPES = Set.of("IMMEDIATE", "SCHEDULED");
    /** customerPONumber has no documented limit; this is what the ledger holds. */
    private static final int MAX_PO_LENGTH = OrderLines.PO_NUMBER_LENGTH;
    /** What the ledger's key columns hold. */
    private static final Map<OrderColumn, Integer> LEDGER_KEY_LENGTH = Map.of(LINE_NUMBER, OrderLines.LINE_NUMBER_LENGTH,
            SERIAL_NUMBER, OrderLines.SERIAL_NUMBER_LENGTH, PART_NUMBER, OrderLines.PART_NUMBER_LENGTH);

    private final Clock clock;
    private final ZoneId storeZone;
    private final int maxDaysAhead;
    private final Set<String> carriers;

    /**
     * @param storeZone    TAP reads serviceStartDate as PST/PDT: "today" is today there
     * @param maxDaysAhead serviceStartDate may be at most this many days after today (3 in the API text)
     * @param carriers     the valid carrierName values, spelled as the API text lists them
     */
    public OrderValidator(Clock clock, ZoneId storeZone, int maxDaysAhead, Set<String> carriers) {
        this.clock = clock;
        this.storeZone = storeZone;
        this.maxDaysAhead = maxDaysAhead;
        this.carriers = Set.copyOf(carriers);
    }

    public PurchaseOrder validate(PurchaseOrder po) {
        List<String> headerErrors = headerErrors(po);
        headerErrors.forEach(po::rejectAll);
        LocalDate today = LocalDate.now(clock.withZone(storeZone));
        for (OrderLine line : po.lines()) {
            lineErrors(line, today).forEach(line::reject);
        }
        // TAP reads lineNumber as a number: "01" and "1" are the same line
        rejectRepeats(po, line -> DIGITS.matcher(line.value(LINE_NUMBER)).matches()
                ? new java.math.BigInteger(line.value(LINE_NUMBER)).toString() : line.value(LINE_NUMBER),
                line -> "lineNumber: " + Shown.quoted(line.value(LINE_NUMBER)) + " (TAP compares line numbers as numbers) is already on");
        // a serial may carry a second line with another part ("If there are multiple active services ..."), not the same part twice
        rejectRepeats(po, line -> line.value(SERIAL_NUMBER).isEmpty() ? ""
                : line.value(SERIAL_NUMBER).toUpperCase(Locale.ROOT) + '\u0000' + line.value(PART_NUMBER).toUpperCase(Locale.ROOT),
                line -> "serialNumber: " + Shown.quoted(line.value(SERIAL_NUMBER)) + " with partNumber " + Shown.quoted(line.value(PART_NUMBER))
                        + " is already on");
        return po;
    }

    private List<String> headerErrors(PurchaseOrder po) {
        List<String> errors = new ArrayList<>();
        for (OrderColumn column : OrderColumn.values()) {
            if (column.perOrder()) {
                disagreement(po, column).ifPresent(errors::add);
            }
        }
        if (!errors.isEmpty()) {
            return errors; // which of the disagreeing values to check would be a guess
        }
        String po1 = po.header(CUSTOMER_PO_NUMBER);
        if (po1.isEmpty()) {
            errors.add("customerPONumber: required (mandatory in TAP_CREATE_ORDER_API)");
        } else if (po1.length() > MAX_PO_LENGTH) {
            errors.add("customerPONumber: " + po1.length() + " characters; tap-bridge keeps at most " + MAX_PO_LENGTH
                    + " (TAP documents no limit)");
        }
        String currency = po.header(CURRENCY_CODE);
        if (currency.isEmpty()) {
            errors.add("currencyCode: required (mandatory in TAP_CREATE_ORDER_API)");
        } else if (!CURRENCY.matcher(currency).matches()) {
            errors.add("currencyCode: " + Shown.quoted(currency) + " is not a three-letter currency code in capitals, such as USD or EUR");
        }
        siteUseId(po, BILL_TO_SITE_USE_ID, RESELLER_NAME, errors);
        siteUseId(po, SHIP_TO_SITE_USE_ID, END_CUSTOMER_NAME, errors);
        email(po.header(BILL_TO_CONTACT_EMAIL), BILL_TO_CONTACT_EMAIL, true, errors);
        email(po.header(SHIP_TO_CONTACT_EMAIL), SHIP_TO_CONTACT_EMAIL, true, errors);
        return errors;
    }

    private static java.util.Optional<String> disagreement(PurchaseOrder po, OrderColumn column) {
        Map<String, List<Integer>> rowsByValue = new LinkedHashMap<>();
        for (OrderLine line : po.lines()) {
            rowsByValue.computeIfAbsent(line.value(column), v -> new ArrayList<>()).add(line.rowNumber());
        }
        if (rowsByValue.size() < 2) {
            return java.util.Optional.empty();
        }
        String values = rowsByValue.entrySet().stream()
                .map(e -> (e.getKey().isEmpty() ? "blank" : Shown.quoted(e.getKey())) + " (row" + (e.getValue().size() > 1 ? "s " : " ")
                        + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")")
                .collect(Collectors.joining(", "));
        return java.util.Optional.of(column.fieldName() + ": differs within " + po.describe() + ": " + values
                + "; a header-level field must be the same on every row of a PO");
    }

    private static void siteUseId(PurchaseOrder po, OrderColumn id, OrderColumn name, List<String> errors) {
        String value = po.header(id);
        if (value.isEmpty()) {
            if (po.header(name).isEmpty()) {
                errors.add(id.fieldName() + ": required (mandatory in TAP_CREATE_ORDER_API); give it, or "
                        + name.fieldName() + " to look it up");
            }
        } else if (!DIGITS.matcher(value).matches()) {
            errors.add(id.fieldName() + ": " + Shown.quoted(value) + " is not a number (site-use ids come from TAP_GET_CUSTOMERS_API)");
        }
    }

    private static void email(String value, OrderColumn column, boolean required, List<String> errors) {
        if (value.isEmpty()) {
            if (required) {
                errors.add(column.fieldName() + ": required (mandatory in TAP_CREATE_ORDER_API)");
            }
        } else if (!EMAIL.matcher(value).matches()) {
            errors.add(column.fieldName() + ": " + Shown.quoted(value) + " is not an e-mail address");
        }
    }

    private List<String> lineErrors(OrderLine line, LocalDate today) {
        List<String> errors = new ArrayList<>();
        for (OrderColumn column : List.of(LINE_NUMBER, SERIAL_NUMBER, PART_NUMBER, MANUFACTURER_MODEL, SERVICE_TYPE,
                SERVICE_START_DATE, ACTIVATION_TYPE, AUTO_RENEWAL)) {
            if (!line.has(column)) {
                errors.add(column.fieldName() + ": required (mandatory in TAP_CREATE_ORDER_API)");
            }
        }
        if (line.has(LINE_NUMBER) && !DIGITS.matcher(line.value(LINE_NUMBER)).matches()) {
            errors.add("lineNumber: " + Shown.quoted(line.value(LINE_NUMBER)) + " is not a whole number");
        }
        String serviceType = line.value(SERVICE_TYPE);
        if (!serviceType.isEmpty()) {
            exactChoice(serviceType, SERVICE_TYPE, Set.of("RTX", "VRS"), errors);
        }
        date(line, SERVICE_START_DATE, errors).ifPresent(start -> {
            LocalDate latest = today.plusDays(maxDaysAhead);
            if (start.isAfter(latest)) {
                errors.add("serviceStartDate: " + start + " is more than " + maxDaysAhead + " days ahead; TAP accepts "
                        + latest + " at the latest (today is " + today + " in " + storeZone + ", TAP's time zone for this date)");
            }
        });
        String activationType = line.value(ACTIVATION_TYPE);
        if (!activationType.isEmpty() && !ACTIVATION_TYPES.contains(activationType.toUpperCase(Locale.ROOT))) {
            errors.add("activationType: " + Shown.quoted(activationType) + " is neither IMMEDIATE nor SCHEDULED");
        } else if (!activationType.isEmpty()) {
            line.set(ACTIVATION_TYPE, activationType.toUpperCase(Locale.ROOT)); // sent as the text spells it (sample IMMEDIATE)
        }
        date(line, ACTIVATION_DATE, errors);
        if ("SCHEDULED".equalsIgnoreCase(activationType) && !line.has(ACTIVATION_DATE)) {
            errors.add("activationDate: required when activationType is SCHEDULED");
        }
        if (line.has(AUTO_RENEWAL)) {
            exactChoice(line.value(AUTO_RENEWAL), AUTO_RENEWAL, Set.of("Y", "N"), errors);
        }
        if (line.has(SIM_INCLUDED_FLAG)) {
            exactChoice(line.value(SIM_INCLUDED_FLAG), SIM_INCLUDED_FLAG, Set.of("Y", "N"), errors);
        }
        if (line.has(SIM_NUMBER) && !(DIGITS.matcher(line.value(SIM_NUMBER)).matches() && line.value(SIM_NUMBER).length() <= 20)) {
            errors.add("simNumber: " + Shown.quoted(line.value(SIM_NUMBER)) + " is not a number of at most 20 digits");
        }
        if (line.has(SSO_USER_EMAIL_ADDRESS) && !EMAIL.matcher(line.value(SSO_USER_EMAIL_ADDRESS)).matches()) {
            // "If the ssoUserEmailAddress is not valid then API will use the latest valid ssoUserEmailAddress from the Store"
            line.note("warning: ssoUserEmailAddress " + Shown.quoted(line.value(SSO_USER_EMAIL_ADDRESS)) + " is not an e-mail address;"
                    + " sent as given, TAP then uses the latest valid one it holds for the serial (or refuses the order if it has none)");
        }
        if ("VRS".equals(serviceType)) {
            // the SIM fields go with a SIM: required unless simIncludedFlag says N (absent counts as a SIM included)
            boolean sim = !"N".equals(line.value(SIM_INCLUDED_FLAG));
            for (OrderColumn column : List.of(GEO_FENCE_REGION, SSO_USER_EMAIL_ADDRESS, DEVICE_KEY, SIM_NUMBER, CARRIER_NAME)) {
                if (!line.has(column) && (sim || column != SIM_NUMBER && column != CARRIER_NAME)) {
                    errors.add(column.fieldName() + ": required for every VRS serial number"
                            + (column == SIM_NUMBER || column == CARRIER_NAME ? " with a SIM (simIncludedFlag Y or absent)" : ""));
                }
            }
        }
        for (OrderColumn column : List.of(LINE_NUMBER, SERIAL_NUMBER, PART_NUMBER)) {
            if (line.value(column).length() > LEDGER_KEY_LENGTH.get(column)) {
                errors.add(column.fieldName() + ": " + line.value(column).length() + " characters; tap-bridge keeps at most "
                        + LEDGER_KEY_LENGTH.get(column) + " (no TAP " + column.fieldName() + " is that long)");
            }
        }
        if (line.has(CARRIER_NAME)) {
            exactChoice(line.value(CARRIER_NAME), CARRIER_NAME, carriers, errors);
        }
        return errors;
    }

    /** TAP compares these values as written: a near miss is named, not silently corrected. */
    private static void exactChoice(String value, OrderColumn column, Set<String> allowed, List<String> errors) {
        if (allowed.contains(value)) {
            return;
        }
        String hint = allowed.stream().filter(a -> a.equalsIgnoreCase(value)).findFirst()
                .map(a -> " (did you mean " + Shown.quoted(a) + "?)").orElse("");
        errors.add(column.fieldName() + ": " + Shown.quoted(value) + " is not one of " + allowed.stream().sorted()
                .map(a -> Shown.quoted(a)).collect(Collectors.joining(", ")) + hint);
    }

    private static java.util.Optional<LocalDate> date(OrderLine line, OrderColumn column, List<String> errors) {
        if (!line.has(column)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(LocalDate.parse(line.value(column)));
        } catch (DateTimeParseException e) {
            errors.add(column.fieldName() + ": " + Shown.quoted(line.value(column)) + (line.value(column).matches("\\d{4}-\\d{2}-\\d{2}")
                    ? " is not a day of the calendar" : " is not a date in the form YYYY-MM-DD"));
            return java.util.Optional.empty();
        }
    }

    /** A line whose key repeats an earlier line's in one PO is refused (it would be a second purchase, or a clash in TAP). */
    private static void rejectRepeats(PurchaseOrder po, java.util.function.Function<OrderLine, String> key,
            java.util.function.Function<OrderLine, String> problem) {
        Map<String, Integer> firstRow = new HashMap<>();
        for (OrderLine line : po.lines()) {
            String k = key.apply(line);
            if (k.isEmpty()) {
                continue;
            }
            Integer first = firstRow.putIfAbsent(k, line.rowNumber());
            if (first != null) {
                line.reject(problem.apply(line) + " row " + first + " of " + po.describe());
            }
        }
    }
}
