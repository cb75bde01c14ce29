package io.tapbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one JSON object of a request the way the TAP Store does: every field not documented for it
 * and every null is a problem naming the field; Number fields accept a JSON number or a string of
 * digits; String fields accept a string or a number (its text). Problems are appended to a shared list
 * so that a procedure can report all of them at once. A field that already had a problem is not
 * reported again as missing.
 */
final class FieldReader {

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final ObjectNode node;
    private final String prefix;
    private final List<String> problems;
    private final Set<String> faulty = new HashSet<>();

    /**
     * @param prefix how fields are named in messages, e.g. "" for the request or "lines[2]." for a line
     */
    FieldReader(ObjectNode node, String prefix, Set<String> allowed, List<String> problems) {
        this.node = node;
        this.prefix = prefix;
        this.problems = problems;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                problems.add(name(field) + ": is not a valid field" + hint(field, allowed));
                faulty.add(field);
            } else if (node.get(field).isNull()) {
                problems.add(name(field) + ": null is not allowed; leave an optional field out instead");
                faulty.add(field);
            }
        }
    }

    String name(String field) {
        return prefix + field;
    }

    void problem(String field, String message) {
        problems.add(name(field) + ": " + message);
        faulty.add(field);
    }

    boolean hasProblem(String field) {
        return faulty.contains(field);
    }

    boolean present(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    /** A String field; empty when absent, null or of a wrong JSON type (the latter reported). */
    Optional<String> text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || faulty.contains(field)) {
            return Optional.empty();
        }
        if (v.isTextual()) {
            return Optional.of(v.asText());
        }
        if (v.isNumber()) {
            return Optional.of(v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.decimalValue().toPlainString());
        }
        problem(field, "must be a string");
        return Optional.empty();
    }

    /** A String field that is treated as absent when empty (search filters such as endCustomerName ""). */
    Optional<String> filter(String field) {
        return text(field).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** A mandatory String field: absent or blank is a problem. */
    Optional<String> mandatoryText(String field) {
        Optional<String> v = text(field);
        if (v.isEmpty() || v.get().isBlank()) {
            missing(field);
            return Optional.empty();
        }
        return v;
    }

    /** A Number field as its digits; a JSON number or a string of digits. */
    Optional<String> number(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || faulty.contains(field)) {
            return Optional.empty();
        }
        if (v.isIntegralNumber() && v.bigIntegerValue().signum() >= 0) {
            return Optional.of(v.bigIntegerValue().toString());
        }
        if (v.isTextual() && DIGITS.matcher(v.asText()).matches()) {
            return Optional.of(v.asText());
        }
        if (v.isTextual() && v.asText().isBlank()) {
            return Optional.empty();
        }
        problem(field, v.isValueNode() ? "'" + v.asText() + "' is not a valid number" : "must be a number");
        return Optional.empty();
    }

    Optional<String> mandatoryNumber(String field) {
        Optional<String> v = number(field);
        if (v.isEmpty()) {
            missing(field);
        }
        return v;
    }

    /** A YYYY-MM-DD date (a real calendar date). */
    Optional<LocalDate> date(String field) {
        Optional<String> v = text(field);
        if (v.isEmpty() || v.get().isBlank()) {
            return Optional.empty();
        }
        String s = v.get();
        try {
            if (DATE_SHAPE.matcher(s).matches()) {
                return Optional.of(LocalDate.parse(s, ISO_DATE));
            }
        } catch (DateTimeParseException e) {
            // fall through to the problem below
        }
        problem(field, "'" + s + "' is not a valid date (YYYY-MM-DD)");
        return Optional.empty();
    }

    Optional<LocalDate> mandatoryDate(String field) {
        boolean given = text(field).filter(s -> !s.isBlank()).isPresent();
        Optional<LocalDate> v = date(field);
        if (!given) {
            missing(field);
        }
        return v;
    }

    /** A mandatory field whose value must be one of the given ones (exact spelling). */
    Optional<String> mandatoryChoice(String field, List<String> allowed, boolean ignoreCase) {
        return mandatoryText(field).flatMap(v -> choice(field, v, allowed, ignoreCase));
    }

    Optional<String> optionalChoice(String field, List<String> allowed, boolean ignoreCase) {
        return text(field).flatMap(v -> choice(field, v, allowed, ignoreCase));
    }

    private Optional<String> choice(String field, String value, List<String> allowed, boolean ignoreCase) {
        for (String a : allowed) {
            if (ignoreCase ? a.equalsIgnoreCase(value) : a.equals(value)) {
                return Optional.of(a);
            }
        }
        problem(field, "'" + value + "' is not valid (" + String.join(", ", allowed) + ")");
        return Optional.empty();
    }

    private void missing(String field) {
        if (!faulty.contains(field)) {
            problem(field, "is mandatory");
        }
    }

    /** Names the documented field that differs only in case, the usual slip (uniqueId vs uniqueID). */
    private static String hint(String field, Set<String> allowed) {
        return allowed.stream().filter(a -> a.equalsIgnoreCase(field)).findFirst()
                .map(a -> "; did you mean '" + a + "'?").orElse("");
    }
}
