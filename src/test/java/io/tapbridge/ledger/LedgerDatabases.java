package io.tapbridge.ledger;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The two databases the ledger runs on in tests: H2 (always) and PostgreSQL, which needs a server on
 * 127.0.0.1:5432 with trust authentication and a database {@code test} (as on CI; override with
 * {@code TAPBRIDGE_TEST_PG_URL}). Each PostgreSQL test gets a schema of its own.
 */
public final class LedgerDatabases {

    private static final String PG_URL = System.getenv().getOrDefault("TAPBRIDGE_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private LedgerDatabases() {
    }

    public static String h2(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath();
    }

    public static boolean postgresAvailable() {
        try (Connection ignored = DriverManager.getConnection(PG_URL)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A JDBC URL on a fresh, empty schema of the PostgreSQL test database. */
    public static String freshPostgresSchema() throws SQLException {
        String schema = "tb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_URL)) {
            c.createStatement().execute("create schema " + schema);
        }
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
