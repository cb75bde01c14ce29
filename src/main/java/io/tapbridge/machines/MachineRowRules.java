package io.tapbridge.machines;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.tapbridge.model.MachineColumn;
import io.tapbridge.model.Shown;
import io.tapbridge.tapio.CustomerRules;

/**
 * The rules a machines row must keep before any tapio call, from tapio's API texts: a row that breaks one is
 * rejected with a reason that names the field, rather than provoking a 400. Values are never corrected silently.
 */
public final class MachineRowRules {

    /** A verdict: the reason for rejecting the row (null: valid) and warnings that do not stop it. */
    public record Verdict(String rejection, List<String> warnings) {
    }

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Set<String> TITLES = Set.of("Mr", "Mrs", "Company");
    private static final Set<String> DEVICE_TYPES = Set.of("Machine", "SmartDevice");
    private static final List<MachineColumn> LICENSE_FIELDS = List.of(MachineColumn.LICENSE_NAME, MachineColumn.LICENSE_SERIAL_NUMBER,
            MachineColumn.LICENSE_VALID_FROM, MachineColumn.LICENSE_VALID_TO);

    private final Set<String> windowsTimeZones;
    private final Set<String> recommendedSubTypes;

    public MachineRowRules(Set<String> windowsTimeZones, Set<String> recommendedSubTypes) {
        this.windowsTimeZones = windowsTimeZones;
        this.recommendedSubTypes = recommendedSubTypes;
    }

    public Verdict check(Map<MachineColumn, String> row) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String actionText = value(row, MachineColumn.ACTION);
        MachineAction action = MachineAction.of(actionText).orElse(null);
        if (action == null) {
            problems.add("action: " + Shown.quoted(actionText) + " is not one of register, unassign, offboard, delete");
        }
        require(row, MachineColumn.SERIAL_NUMBER, "every row", problems);
        if (action == MachineAction.REGISTER) {
            require(row, MachineColumn.DISPLAY_NAME, "action register", problems);
        }
        String postfix = value(row, MachineColumn.TMID_POSTFIX).isEmpty() ? value(row, MachineColumn.SERIAL_NUMBER) : value(row, MachineColumn.TMID_POSTFIX);
        if (!postfix.isEmpty() && !CustomerRules.isTmidPostfix(postfix)) {
            problems.add((value(row, MachineColumn.TMID_POSTFIX).isEmpty() ? "serialNumber: " : "tmidPostfix: ") + Shown.quoted(postfix)
                    + " cannot be a tmidPostfix: use 1 to 100 letters, digits, '.', '_', '~' or '-'"
                    + " (give tmidPostfix when the serial number has other characters)");
        }
        oneOf(row, MachineColumn.DEVICE_TYPE, DEVICE_TYPES, problems);
        String subType = value(row, MachineColumn.DEVICE_SUB_TYPE);
        if (!subType.isEmpty() && !recommendedSubTypes.contains(subType)) {
            warnings.add("deviceSubType: " + Shown.quoted(subType) + " is not one tapio recommends (" + String.join(", ", recommendedSubTypes) + "); sent as given");
        }
        yesNo(row, MachineColumn.IS_TAPIO_READY, problems, "true", "false", "Y", "N");
        yesNo(row, MachineColumn.NOTIFY_CUSTOMER, problems, "Y", "N");
        yesNo(row, MachineColumn.CLOUD_CONNECTOR, problems, "Y", "N");
        if (yes(row, MachineColumn.NOTIFY_CUSTOMER) && value(row, MachineColumn.CUSTOMER_NUMBER).isEmpty()) {
            problems.add("notifyCustomer: Y needs a customerNumber (the customer to write to)");
        }
        // the new-customer columns are checked only once tapio says the customer is new (newCustomerProblems):
        // a row for an existing customer is not refused for a value it never sends
        applications(row, action, problems);
        return new Verdict(problems.isEmpty() ? null : String.join("; ", problems), warnings);
    }

    /** The create-customer body's fields that the text does not mark optional (adminUserTitle and timeZone are). */
    private static final List<MachineColumn> NEW_CUSTOMER = List.of(MachineColumn.ADMIN_USER_EMAIL, MachineColumn.ADMIN_USER_FIRST_NAME,
            MachineColumn.ADMIN_USER_LAST_NAME, MachineColumn.COMPANY_NAME, MachineColumn.COMPANY_STREET, MachineColumn.COMPANY_TOWN,
            MachineColumn.COMPANY_ZIP_CODE, MachineColumn.COMPANY_COUNTRY, MachineColumn.COMPANY_VAT, MachineColumn.LOCALE_ID,
            MachineColumn.TEL_VOICE);

    /**
     * What keeps the row's customer from being created in tapio: a required field missing or a value tapio refuses.
     * Asked before anything is written for the row, once tapio has said that the customer is new.
     */
    public List<String> newCustomerProblems(Map<MachineColumn, String> row) {
        List<String> problems = new ArrayList<>();
        List<String> missing = NEW_CUSTOMER.stream().filter(c -> value(row, c).isEmpty()).map(MachineColumn::fieldName).toList();
        if (!missing.isEmpty()) {
            problems.add("creating the customer needs " + String.join(", ", missing));
        }
        String tel = value(row, MachineColumn.TEL_VOICE);
        if (!tel.isEmpty() && !CustomerRules.isTelVoice(tel)) {
            problems.add("telVoice: " + Shown.quoted(tel) + " must start with 00 and the country code, then digits, blanks, '/' or '-',"
                    + " at least 7 digits, e.g. '0049 7452 1234'");
        }
        String country = value(row, MachineColumn.COMPANY_COUNTRY);
        if (!country.isEmpty() && !CustomerRules.isCountry(country)) {
            problems.add("companyCountry: " + Shown.quoted(country) + " is not a two-letter ISO 3166 country code in capitals, e.g. 'DE'");
        }
        String zone = value(row, MachineColumn.TIME_ZONE);
        if (!zone.isEmpty() && !windowsTimeZones.contains(zone)) {
            problems.add("timeZone: " + Shown.quoted(zone) + " is not a Windows time-zone name, e.g. 'W. Europe Standard Time'" + suggestion(zone));
        }
        String locale = value(row, MachineColumn.LOCALE_ID);
        if (!locale.isEmpty() && CustomerRules.culture(locale).isEmpty()) {
            problems.add("localeId: " + Shown.quoted(locale) + " is not a .NET culture name such as 'de-DE' or 'zh-Hans-CN'");
        }
        oneOf(row, MachineColumn.ADMIN_USER_TITLE, TITLES, problems);
        String email = value(row, MachineColumn.ADMIN_USER_EMAIL);
        if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add("adminUserEmail: " + Shown.quoted(email) + " is not an e-mail address");
        }
        return problems;
    }

    private void applications(Map<MachineColumn, String> row, MachineAction action, List<String> problems) {
        String ids = value(row, MachineColumn.APPLICATION_IDS);
        if (ids.isEmpty()) {
            if (action == MachineAction.UNASSIGN) {
                problems.add("applicationIds: required for action unassign (the applications to remove the machine from)");
            }
            return;
        }
        for (String id : ids.split("\\|", -1)) {
            if (!GUID.matcher(id.strip()).matches()) {
                problems.add("applicationIds: " + Shown.quoted(id.strip()) + " is not an application id (a GUID); separate several with |");
            }
        }
        if (action != MachineAction.REGISTER) {
            return;
        }
        for (MachineColumn column : LICENSE_FIELDS) {
            require(row, column, "licensing applications", problems);
        }
        if (row.containsKey(MachineColumn.CUSTOMER_NUMBER) && !value(row, MachineColumn.CUSTOMER_NUMBER).isEmpty()) {
            require(row, MachineColumn.CONTRACT_NUMBER, "accepting the applications' terms of use for the customer", problems);
        }
        LocalDate from = date(row, MachineColumn.LICENSE_VALID_FROM, problems);
        LocalDate to = date(row, MachineColumn.LICENSE_VALID_TO, problems);
        if (from != null && to != null && !to.isAfter(from)) {
            problems.add("licenseValidTo: " + to + " is not after licenseValidFrom " + from);
        }
        String count = value(row, MachineColumn.MACHINE_COUNT);
        if (!count.isEmpty() && !count.matches("[1-9][0-9]{0,5}")) {
            problems.add("machineCount: " + Shown.quoted(count) + " is not a whole number of at least 1");
        }
        String language = value(row, MachineColumn.TERMS_LANGUAGE);
        if (!language.isEmpty() && !language.matches("[a-z]{2}")) {
            problems.add("termsLanguage: " + Shown.quoted(language) + " is not a two-letter language code such as 'de'");
        }
    }

    private String suggestion(String zone) {
        return windowsTimeZones.stream().filter(z -> z.equalsIgnoreCase(zone) || z.equalsIgnoreCase(zone + " Standard Time"))
                .findFirst().map(z -> " (did you mean " + Shown.quoted(z) + "?)").orElse("");
    }

    private static LocalDate date(Map<MachineColumn, String> row, MachineColumn column, List<String> problems) {
        String text = value(row, column);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(column.fieldName() + ": " + Shown.quoted(text) + (text.matches("\\d{4}-\\d{2}-\\d{2}")
                    ? " is not a day of the calendar" : " is not a date YYYY-MM-DD"));
            return null;
        }
    }

    private static void require(Map<MachineColumn, String> row, MachineColumn column, String forWhat, List<String> problems) {
        if (value(row, column).isEmpty()) {
            problems.add(column.fieldName() + ": required for " + forWhat);
        }
    }

    private static void oneOf(Map<MachineColumn, String> row, MachineColumn column, Set<String> allowed, List<String> problems) {
        String text = value(row, column);
        if (!text.isEmpty() && !allowed.contains(text)) {
            String near = allowed.stream().filter(a -> a.equalsIgnoreCase(text)).findFirst().map(a -> " (did you mean " + Shown.quoted(a) + "?)").orElse("");
            problems.add(column.fieldName() + ": " + Shown.quoted(text) + " is not one of " + String.join(", ", allowed.stream().sorted().toList()) + near);
        }
    }

    private static void yesNo(Map<MachineColumn, String> row, MachineColumn column, List<String> problems, String... allowed) {
        String text = value(row, column);
        if (!text.isEmpty() && Arrays.stream(allowed).noneMatch(a -> a.equalsIgnoreCase(text))) {
            problems.add(column.fieldName() + ": " + Shown.quoted(text) + " is not one of " + String.join(", ", allowed));
        }
    }

    static boolean yes(Map<MachineColumn, String> row, MachineColumn column) {
        String text = value(row, column);
        return text.equalsIgnoreCase("Y") || text.equalsIgnoreCase("true");
    }

    private static String value(Map<MachineColumn, String> row, MachineColumn column) {
        String value = row.get(column);
        return value == null ? "" : value;
    }
}
