package io.tapbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Runs after the unit and flow tests (failsafe, in {@code mvn verify}): every secret their bridges handled (client
 * secrets, every token the sandboxes issued, every passcode and device key of their ERP files, recorded by
 * {@link BridgeHarness}) is looked for in the whole run's log, the surefire output of every test class. None may be
 * there. (The tests that start the bridge in a JVM of its own check their own logs the same way.)
 */
class LogSecretsIT {

    @Test
    void noSecretOfTheWholeTestRunIsInItsLog() throws IOException {
        assertThat(SecretsUsed.FILE).as("written by the flow tests, which run before this one").exists();
        Set<String> secrets = new LinkedHashSet<>(Files.readAllLines(SecretsUsed.FILE, StandardCharsets.UTF_8));
        secrets.remove("");
        assertThat(secrets).as("tokens, passcodes and device keys were handled").hasSizeGreaterThan(50);

        List<Path> logs;
        try (Stream<Path> reports = Files.list(Path.of("target", "surefire-reports"))) {
            logs = reports.filter(p -> p.getFileName().toString().endsWith("-output.txt")).sorted().toList();
        }
        assertThat(logs).as("the logs of the test classes").hasSizeGreaterThan(10);
        List<String> found = new ArrayList<>();
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            for (String secret : secrets) {
                int at = text.indexOf(secret);
                if (at >= 0) {
                    int start = text.lastIndexOf('\n', at) + 1;
                    int end = text.indexOf('\n', at);
                    found.add(log.getFileName() + ": " + text.substring(start, end < 0 ? text.length() : end));
                }
            }
        }
        assertThat(found).as("log lines holding a secret").isEmpty();
    }
}
