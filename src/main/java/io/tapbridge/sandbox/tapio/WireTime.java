package io.tapbridge.sandbox.tapio;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Timestamps as tapio's .NET services write and read them. */
final class WireTime {

    /** "2020-05-12T11:59:23.4605816+00:00", a DateTimeOffset in UTC as the texts' examples show it. */
    private static final DateTimeFormatter DOTNET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    private WireTime() {
    }

    static String format(Instant instant) {
        return DOTNET.format(instant);
    }

    /**
     * A licence date: "2020-04-03T00:00:00" (read as UTC), the same with an offset or Z, or a bare date
     * "2020-04-03" (midnight UTC), as .NET's JSON readers accept them.
     */
    static Optional<Instant> parseDateTime(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            // no offset: next form
        }
        try {
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // no time: next form
        }
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
