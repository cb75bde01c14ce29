package io.tapbridge.it;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Builds order CSV files for tests: valid lines against the sandbox's seed catalogue, changed where a test needs. */
public final class OrderCsv {

    private final List<Map<String, String>> rows = new ArrayList<>();
    private char delimiter = ',';

    public static OrderCsv create() {
        return new OrderCsv();
    }

    /** Today in TAP's time zone: serviceStartDate is checked against it. */
    public static LocalDate tapToday() {
        return LocalDate.now(ZoneId.of("America/Los_Angeles"));
    }

    /** A valid RTX line for reseller "Cascade Positioning Supply Inc." (billTo 612001, shipTo 2210101). */
    public static Map<String, String> rtxLine(String po, int lineNumber, String serial) {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("customerPONumber", po);
        line.put("customerOrderRef", "ERP-" + po);
        line.put("currencyCode", "USD");
        line.put("billToSiteUseId", "612001");
        line.put("shipToSiteUseId", "2210101");
        line.put("billToContactEmail", "orders@cascade-positioning.example");
        line.put("shipToContactEmail", "yard@willamette-timber.example");
        line.put("lineNumber", Integer.toString(lineNumber));
        line.put("serviceStartDate", tapToday().toString());
        line.put("partNumber", "132001-10");
        line.put("serialNumber", serial);
        line.put("serviceType", "RTX");
        line.put("manufacturerModel", "Trimble||R12");
        line.put("autoRenewal", "N");
        line.put("activationType", "IMMEDIATE");
        return line;
    }

    /** A valid VRS line (price list US-STD offers VRS-US-PNW-12). */
    public static Map<String, String> vrsLine(String po, int lineNumber, String serial) {
        Map<String, String> line = rtxLine(po, lineNumber, serial);
        line.put("serviceType", "VRS");
        line.put("partNumber", "VRS-US-PNW-12");
        line.put("geoFenceRegion", "R.US.PNW(Pacific Northwest)");
        line.put("ssoUserEmailAddress", "surveyor@willamette-timber.example");
        line.put("deviceKey", "DK-" + serial);
        line.put("simNumber", "8001002000145236");
        line.put("carrierName", "Telekom M2M");
        line.put("simIncludedFlag", "Y");
        return line;
    }

    /** {@code count} RTX lines of one PO with serials {@code <prefix>-001 ...}. */
    public OrderCsv po(String po, int count, String serialPrefix) {
        for (int i = 1; i <= count; i++) {
            rows.add(rtxLine(po, i, String.format("%s-%03d", serialPrefix, i)));
        }
        return this;
    }

    public OrderCsv add(Map<String, String> row) {
        rows.add(row);
        return this;
    }

    public OrderCsv delimiter(char delimiter) {
        this.delimiter = delimiter;
        return this;
    }

    public List<Map<String, String>> rows() {
        return rows;
    }

    /** The CSV text; the header is every column used by any row, in first-use order. */
    @Override
    public String toString() {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(r -> columns.addAll(r.keySet()));
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = CSVFormat.RFC4180.builder().setDelimiter(delimiter)
                .setHeader(columns.toArray(String[]::new)).get().print(out)) {
            for (Map<String, String> row : rows) {
                List<String> values = new ArrayList<>();
                columns.forEach(c -> values.add(row.getOrDefault(c, "")));
                printer.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
