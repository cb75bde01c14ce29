package io.tapbridge.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One staged order line on its way through validation and enrichment, collecting its verdict. */
public final class OrderLine {

    private final long id;
    private final int rowNumber;
    private final long sourceLine;
    private final Map<OrderColumn, String> values;
    private final List<String> errors = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public OrderLine(long id, int rowNumber, long sourceLine, Map<OrderColumn, String> values) {
        this.id = id;
        this.rowNumber = rowNumber;
        this.sourceLine = sourceLine;
        this.values = values.isEmpty() ? new EnumMap<>(OrderColumn.class) : new EnumMap<>(values);
    }

    public long id() {
        return id;
    }

    public int rowNumber() {
        return rowNumber;
    }

    public long sourceLine() {
        return sourceLine;
    }

    /** The value, "" when blank or absent. */
    public String value(OrderColumn column) {
        String value = values.get(column);
        return value == null ? "" : value;
    }

    public boolean has(OrderColumn column) {
        return !value(column).isEmpty();
    }

    /** Enrichment replaces a value (a resolved site-use id, the catalogue's spelling, a renewal part). */
    public void set(OrderColumn column, String value) {
        values.put(column, value);
    }

    public Map<OrderColumn, String> values() {
        return Collections.unmodifiableMap(values);
    }

    public void reject(String reason) {
        errors.add(reason);
    }

    public void note(String note) {
        notes.add(note);
    }

    public boolean accepted() {
        return errors.isEmpty();
    }

    /** What the ERP user reads: every reason for a rejected line, or the notes of an accepted one. */
    public String message() {
        return String.join(" | ", errors.isEmpty() ? notes : errors);
    }
}
