package io.tapbridge.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The secrets the tests' bridges handled (client secrets, tokens, passcodes, device keys), one a line in
 * {@code target/secrets-used.txt}, for {@code LogSecretsIT} to look for in the logs of the whole test run.
 */
public final class SecretsUsed {

    public static final Path FILE = Path.of("target", "secrets-used.txt");
    /** Shorter values could be found in a log by chance. */
    private static final int SHORTEST = 6;

    private SecretsUsed() {
    }

    public static synchronized void record(Collection<String> secrets) {
        List<String> worth = secrets.stream().filter(Objects::nonNull).map(String::strip)
                .filter(s -> s.length() >= SHORTEST).distinct().toList();
        if (worth.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, worth.stream().collect(Collectors.joining("\n", "", "\n")), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
