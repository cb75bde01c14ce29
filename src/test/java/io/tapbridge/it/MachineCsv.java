package io.tapbridge.it;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds machines CSV files for tests: rows as column → value maps, the header is every column used. */
public final class MachineCsv {

    /** Applications of the tapio sandbox's seed. */
    public static final String MACHINE_BOARD = "7f3a9c21-4b8e-4d2f-a6c1-93e0b5d7f102";
    public static final String MATERIAL_ASSIST = "2c8e41d7-95a3-4f60-b8d2-6e1f7a3c0b58";
    public static final String SERVICE_BOARD_LIMITED = "d41b7e93-0c6a-4a8f-9e25-b3f8c1a7d064";
    /** The sandbox's existing customer. */
    public static final String EXISTING_CUSTOMER = "4711";

    private final List<Map<String, String>> rows = new ArrayList<>();
    private char delimiter = ',';

    public static MachineCsv create() {
        return new MachineCsv();
    }

    public MachineCsv semicolons() {
        delimiter = ';';
        return this;
    }

    public MachineCsv row(Map<String, String> values) {
        rows.add(new LinkedHashMap<>(values));
        return this;
    }

    /** A machine sold to the existing customer 4711 with licences for {@code applications}. */
    public MachineCsv sold(String serial, String... applications) {
        Map<String, String> row = machine(serial);
        row.put("customerNumber", EXISTING_CUSTOMER);
        row.put("machineName", "Line 1 " + serial);
        licences(row, applications);
        return row(row);
    }

    /** The machine columns of a register row. */
    public static Map<String, String> machine(String serial) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("serialNumber", serial);
        row.put("displayName", "Edgebander " + serial);
        row.put("deviceType", "Machine");
        row.put("deviceSubType", "Edge");
        return row;
    }

    public static void licences(Map<String, String> row, String... applications) {
        if (applications.length == 0) {
            return;
        }
        row.put("applicationIds", String.join("|", applications));
        row.put("licenseName", "Machine licence");
        row.put("licenseSerialNumber", "LIC-" + row.get("serialNumber"));
        row.put("licenseValidFrom", "2026-01-01");
        row.put("licenseValidTo", "2030-12-31");
        row.put("contractNumber", "C-" + row.get("serialNumber"));
        row.put("termsVersion", "1.0.0");
        row.put("termsLanguage", "de");
    }

    /** The columns a customer tapio does not know yet needs. */
    public static void newCustomer(Map<String, String> row, String number) {
        row.put("customerNumber", number);
        row.put("companyName", "Schreinerei Holzmann GmbH");
        row.put("adminUserEmail", "admin-" + number + "@holzmann.example");
        row.put("adminUserTitle", "Mr");
        row.put("adminUserFirstName", "Jonas");
        row.put("adminUserLastName", "Holzmann");
        row.put("companyStreet", "Sägewerkstraße 4");
        row.put("companyTown", "Freudenstadt");
        row.put("companyZipCode", "72250");
        row.put("companyCountry", "DE");
        row.put("companyVat", "DE123456789");
        row.put("localeId", "de-de");
        row.put("telVoice", "0049 7441 12345");
        row.put("timeZone", "W. Europe Standard Time");
    }

    @Override
    public String toString() {
        Set<String> header = new LinkedHashSet<>();
        rows.forEach(r -> header.addAll(r.keySet()));
        StringBuilder csv = new StringBuilder(String.join(String.valueOf(delimiter), header)).append("\r\n");
        for (Map<String, String> row : rows) {
            csv.append(header.stream().map(h -> quote(row.getOrDefault(h, ""))).collect(Collectors.joining(String.valueOf(delimiter))))
                    .append("\r\n");
        }
        return csv.toString();
    }

    private String quote(String value) {
        return value.indexOf(delimiter) >= 0 || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
