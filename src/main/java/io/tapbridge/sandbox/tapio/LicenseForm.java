package io.tapbridge.sandbox.tapio;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The body of "Create a license": {@code {"data": {...}}} with all six fields required. Dates are
 * date-times such as "2020-04-03T00:00:00", with or without an offset (without: UTC); validTo must lie
 * after validFrom, machineCount must be at least 1.
 */
final class LicenseForm {

    private static final Set<String> ENVELOPE = Set.of("data");
    private static final Set<String> DATA = Set.of("name", "issuedAt", "machineCount", "serialNumber", "validFrom", "validTo");

    private LicenseForm() {
    }

    static StoredLicense read(JsonNode body, String id, String applicationId, String tmid, Instant createdAt, ClientRole by)
            throws ApiError {
        BodyReader envelope = BodyReader.of(body, ENVELOPE);
        Optional<BodyReader> data = envelope.object("data", DATA, true);
        envelope.check();
        BodyReader r = data.orElseThrow();
        String name = r.requiredText("name").orElse(null);
        String issuedAtText = r.requiredText("issuedAt").orElse(null);
        Instant issuedAt = date(r, "issuedAt", issuedAtText);
        OptionalInt count = r.requiredInt("machineCount");
        if (count.isPresent() && count.getAsInt() < 1) {
            r.problem("machineCount", "must be at least 1");
        }
        int machineCount = count.orElse(0);
        String serialNumber = r.requiredText("serialNumber").orElse(null);
        String validFromText = r.requiredText("validFrom").orElse(null);
        Instant validFrom = date(r, "validFrom", validFromText);
        String validToText = r.requiredText("validTo").orElse(null);
        Instant validTo = date(r, "validTo", validToText);
        if (validFrom != null && validTo != null && !validTo.isAfter(validFrom)) {
            r.problem("validTo", "must be after validFrom");
        }
        r.check();
        SandboxLicense license = new SandboxLicense(id, applicationId, tmid, name, serialNumber, machineCount, validFrom,
                validTo, by.wireName(), issuedAt, createdAt);
        return new StoredLicense(license, issuedAtText, validFromText, validToText);
    }

    private static Instant date(BodyReader r, String field, String text) {
        if (text == null) {
            return null;
        }
        Optional<Instant> parsed = WireTime.parseDateTime(text.trim());
        if (parsed.isEmpty()) {
            r.problem(field, "'" + text + "' is not a date-time such as 2020-04-03T00:00:00");
        }
        return parsed.orElse(null);
    }
}
