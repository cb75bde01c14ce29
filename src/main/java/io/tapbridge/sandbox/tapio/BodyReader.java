package io.tapbridge.sandbox.tapio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads one JSON object of a request strictly: a field the text does not document is a problem (with a
 * hint when only its case differs, as {@code adminUserEmail} for {@code adminUsereMail}); null counts as
 * absent. Problems name the field with its path ({@code applicationSettings.timeZone}) and are collected
 * so that one 400 lists them all; {@link #check()} throws that 400. A field with a problem is not
 * reported again as missing.
 */
final class BodyReader {

    private final ObjectNode node;
    private final String prefix;
    private final List<String> problems;
    private final List<String> faulty = new ArrayList<>();

    private BodyReader(ObjectNode node, String prefix, Set<String> allowed, List<String> problems) {
        this.node = node;
        this.prefix = prefix;
        this.problems = problems;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!allowed.contains(field)) {
                problem(field, "is not a known field" + hint(field, allowed));
            }
        }
    }

    /** A reader of a request body that must be a JSON object. */
    static BodyReader of(JsonNode body, Set<String> allowed) throws ApiError {
        if (!(body instanceof ObjectNode object)) {
            throw ApiError.invalid("body", "must be a JSON object");
        }
        return new BodyReader(object, "", allowed, new ArrayList<>());
    }

    /** A reader of a nested object field; empty (and a problem when required) if absent or not an object. */
    Optional<BodyReader> object(String field, Set<String> allowed, boolean required) {
        JsonNode v = value(field);
        if (v == null) {
            if (required) {
                missing(field);
            }
            return Optional.empty();
        }
        if (!(v instanceof ObjectNode object)) {
            problem(field, "must be a JSON object");
            return Optional.empty();
        }
        return Optional.of(new BodyReader(object, name(field) + ".", allowed, problems));
    }

    Optional<String> optionalText(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            problem(field, "must be a string");
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    /** Required and not blank. */
    Optional<String> requiredText(String field) {
        Optional<String> v = optionalText(field);
        if (v.isEmpty() || v.get().isBlank()) {
            if (v.isPresent()) {
                problem(field, "must not be empty");
            } else {
                missing(field);
            }
            return Optional.empty();
        }
        return v;
    }

    /** A required Guid, answered in lower case. */
    Optional<String> requiredGuid(String field) {
        return requiredText(field).flatMap(v -> {
            if (!Guids.isGuid(v)) {
                problem(field, "'" + v + "' is not a valid Guid");
                return Optional.empty();
            }
            return Optional.of(Guids.canonical(v));
        });
    }

    Optional<Boolean> optionalBoolean(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            problem(field, "must be true or false");
            return Optional.empty();
        }
        return Optional.of(v.booleanValue());
    }

    OptionalInt requiredInt(String field) {
        JsonNode v = value(field);
        if (v == null) {
            missing(field);
            return OptionalInt.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            problem(field, "must be an integer");
            return OptionalInt.empty();
        }
        return OptionalInt.of(v.intValue());
    }

    /** A required array of strings; empty when absent or malformed (reported). */
    Optional<List<String>> requiredTextArray(String field) {
        JsonNode v = value(field);
        if (v == null) {
            missing(field);
            return Optional.empty();
        }
        if (!v.isArray()) {
            problem(field, "must be an array of strings");
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                problems.add(name(field) + "[" + i + "]: must be a string");
                faulty.add(field);
            } else {
                values.add(v.get(i).asText());
            }
        }
        return faulty.contains(field) ? Optional.empty() : Optional.of(values);
    }

    void problem(String field, String message) {
        problems.add(name(field) + ": " + message);
        faulty.add(field);
    }

    String name(String field) {
        return prefix + field;
    }

    /** Throws the 400 listing every problem found so far. */
    void check() throws ApiError {
        if (!problems.isEmpty()) {
            throw ApiError.invalid(problems);
        }
    }

    private JsonNode value(String field) {
        if (faulty.contains(field)) {
            return null;
        }
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private void missing(String field) {
        if (!faulty.contains(field)) {
            problem(field, "is required");
        }
    }

    private static String hint(String field, Set<String> allowed) {
        return allowed.stream().filter(a -> a.equalsIgnoreCase(field)).findFirst()
                .map(a -> "; did you mean '" + a + "'?").orElse("");
    }
}
