package io.tapbridge.ledger;

import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;

/**
 * The ledger's database: a HikariCP pool, its schema brought up to date by Flyway, and Jdbi on top.
 *
 * <p>Exactly-once rests on every commit being durable before the next remote call. PostgreSQL's defaults are
 * ({@code fsync=on}, {@code synchronous_commit=on}). H2 by default writes committed transactions to its file up to
 * half a second later, so a process killed in between loses them: here H2 is set to write every commit before the
 * commit returns ({@code WRITE_DELAY 0}), which survives a killed process (not a power cut: use PostgreSQL there).
 */
public final class LedgerDatabase implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    public LedgerDatabase(String url, String username, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("ledger");
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(true);
        this.dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        this.jdbi = Jdbi.create(dataSource);
        if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:")) {
            jdbi.useHandle(h -> h.execute("SET WRITE_DELAY 0"));
        }
    }

    /**
     * The folder of an embedded H2 database file, if {@code url} names one ({@code jdbc:h2:file:…} or a bare path such
     * as {@code jdbc:h2:./data/ledger} or {@code jdbc:h2:~/ledger}); empty for in-memory, server and other databases.
     */
    public static Optional<Path> embeddedFolder(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String name = url.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("[A-Za-z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, ... (a one-letter prefix is a Windows drive)
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.ofNullable(Path.of(name).toAbsolutePath().getParent());
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * One transaction across several tables' DAOs (each takes the handle): committed when {@code work} returns,
     * rolled back when it throws, whose exception then reaches the caller as it was.
     */
    public <T, X extends Exception> T inTransaction(HandleCallback<T, X> work) throws X {
        return jdbi.inTransaction(work);
    }

    public <X extends Exception> void useTransaction(HandleConsumer<X> work) throws X {
        jdbi.useTransaction(work);
    }

    /** A round trip to the database (readiness). */
    public void ping() {
        jdbi.useHandle(h -> h.execute("select 1"));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
