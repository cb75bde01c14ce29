package io.tapbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Which database URLs name an embedded H2 file, whose folder is made owner-only (data.directory-permissions). */
class LedgerDatabaseTest {

    @Test
    void theFolderOfEveryEmbeddedH2FileAndNoneForOtherDatabases() {
        assertThat(LedgerDatabase.embeddedFolder("jdbc:h2:file:/srv/tb/db/ledger;DB_CLOSE_ON_EXIT=FALSE")).contains(Path.of("/srv/tb/db"));
        assertThat(LedgerDatabase.embeddedFolder("jdbc:h2:/srv/tb/db/ledger")).contains(Path.of("/srv/tb/db"));
        assertThat(LedgerDatabase.embeddedFolder("jdbc:h2:./data/db/ledger"))
                .contains(Path.of("./data/db").toAbsolutePath());
        assertThat(LedgerDatabase.embeddedFolder("jdbc:h2:~/tb/ledger")).contains(Path.of(System.getProperty("user.home"), "tb"));
        assertThat(LedgerDatabase.embeddedFolder("jdbc:h2:mem:ledger")).isEmpty();
        assertThat(LedgerDatabase.embeddedFolder("jdbc:h2:tcp://db.example/ledger")).isEmpty();
        assertThat(LedgerDatabase.embeddedFolder("jdbc:postgresql://127.0.0.1:5432/test")).isEmpty();
    }
}
