package io.tapbridge.orders;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.tapbridge.tap.TapCustomers;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The API text's table of bundle parts that cannot be used for renewal orders and the renewal parts that replace
 * them, read from {@code config/renewal-parts.csv}: TAP keys it by the bundle part's description.
 */
public final class RenewalParts {

    /**
     * What replaces a bundle part: the renewal part numbers in order of preference (the first one the reseller's
     * price list offers is taken). Two rows for one description that disagree make the mapping ambiguous.
     */
    public record Replacement(String originalDescription, List<List<String>> choices, String description) {
        public boolean ambiguous() {
            return choices.size() > 1;
        }
    }

    private final Map<String, Replacement> byDescription;

    private RenewalParts(Map<String, Replacement> byDescription) {
        this.byDescription = byDescription;
    }

    public static RenewalParts load(Path csv) {
        Map<String, Replacement> table = new HashMap<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                    .setCommentMarker('#').setIgnoreEmptyLines(true).get();
            for (CSVRecord row : format.parse(reader)) {
                String original = row.get("originalPartDescription").strip();
                List<String> parts = Arrays.stream(row.get("replacementPartNumbers").split("\\|")).map(String::strip)
                        .filter(p -> !p.isEmpty()).toList();
                table.merge(TapCustomers.normal(original),
                        new Replacement(original, List.of(parts), row.get("replacementPartDescription").strip()),
                        (a, b) -> {
                            Set<List<String>> choices = new LinkedHashSet<>(a.choices());
                            choices.addAll(b.choices());
                            return new Replacement(a.originalDescription(), new ArrayList<>(choices), a.description());
                        });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the renewal-part table " + csv, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The renewal-part table " + csv + " needs the columns "
                    + "originalPartDescription;replacementPartNumbers;replacementPartDescription", e);
        }
        return new RenewalParts(Map.copyOf(table));
    }

    /** The replacement for a part with this description, if it is a bundle part. */
    public Optional<Replacement> forDescription(String partDescription) {
        return Optional.ofNullable(byDescription.get(TapCustomers.normal(partDescription)));
    }

    public int size() {
        return byDescription.size();
    }
}
