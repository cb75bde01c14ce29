package io.tapbridge.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;

/**
 * The {@code tap_catalogue} table: TAP's answers to the catalogue procedures (customers, models, product lists)
 * by procedure and request key, as JSON text, with when they were fetched; shared by every instance.
 */
public final class CatalogueCache {

    /** One cached answer. */
    public record Answer(String procedure, String key, String response, Instant fetchedAt) {
    }

    private final Jdbi jdbi;

    public CatalogueCache(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<Answer> find(String procedure, String key) {
        return jdbi.withHandle(h -> h.createQuery("select response, fetched_at from tap_catalogue where proc_name = ? and request_key = ?")
                .bind(0, procedure).bind(1, key)
                .map((rs, ctx) -> new Answer(procedure, key, rs.getString(1), rs.getTimestamp(2).toInstant()))
                .findOne());
    }

    /** Every cached (procedure, key), for the scheduled refresh. */
    public List<String[]> keys() {
        return jdbi.withHandle(h -> h.createQuery("select proc_name, request_key from tap_catalogue")
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).list());
    }

    public void store(String procedure, String key, String response, Instant fetchedAt) {
        jdbi.useHandle(h -> {
            int updated = h.execute("update tap_catalogue set response = ?, fetched_at = ? where proc_name = ? and request_key = ?",
                    response, fetchedAt, procedure, key);
            if (updated == 0) {
                try {
                    h.execute("insert into tap_catalogue (proc_name, request_key, response, fetched_at) values (?, ?, ?, ?)",
                            procedure, key, response, fetchedAt);
                } catch (RuntimeException raced) {
                    // another instance stored the same answer a moment ago
                }
            }
        });
    }
}
