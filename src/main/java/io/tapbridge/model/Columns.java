package io.tapbridge.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The columns of one ERP file format, found by header name without regard to case. */
public final class Columns<C extends Enum<C>> {

    private final Map<String, C> byLowerName;
    private final String allowedNames;

    public Columns(C[] columns, Function<C, String> nameOf) {
        this.byLowerName = Arrays.stream(columns)
                .collect(Collectors.toUnmodifiableMap(c -> nameOf.apply(c).toLowerCase(Locale.ROOT), Function.identity()));
        this.allowedNames = Arrays.stream(columns).map(nameOf).collect(Collectors.joining(", "));
    }

    public Optional<C> byHeaderName(String name) {
        return Optional.ofNullable(byLowerName.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** Every column name, in the format's order: what an error about an unknown column lists. */
    public String allowedNames() {
        return allowedNames;
    }
}
