package io.tapbridge.settings;

import java.time.Duration;
import java.util.Optional;

import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.TimeUtils;

/**
 * Typed reads of the bridge's settings through Camel's properties component, so that {@code config/} files,
 * JVM system properties and environment variables ({@code TAP_BASE_URL} for {@code tap.base-url}) all apply.
 */
public final class Settings {

    private final PropertiesComponent properties;

    public Settings(PropertiesComponent properties) {
        this.properties = properties;
    }

    public Optional<String> optional(String key) {
        return properties.resolveProperty(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String text(String key) {
        return optional(key).orElseThrow(() -> new IllegalStateException("Setting " + key + " is missing: set it in "
                + "config/application.properties, as -D" + key + "=… or as the environment variable " + envName(key)));
    }

    public String text(String key, String fallback) {
        return optional(key).orElse(fallback);
    }

    public int integer(String key) {
        return Integer.parseInt(text(key));
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(text(key));
    }

    /** A comma-separated list, each value stripped, blank ones left out; empty when the key is blank. */
    public java.util.List<String> commaList(String key) {
        return java.util.Arrays.stream(text(key, "").split(",")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    /** "30s", "5m", "1h", "250ms" or plain milliseconds. */
    public Duration duration(String key) {
        return Duration.ofMillis(TimeUtils.toMilliSeconds(text(key)));
    }

    /** Blank means "not set": null. */
    public Duration optionalDuration(String key) {
        return optional(key).map(v -> Duration.ofMillis(TimeUtils.toMilliSeconds(v))).orElse(null);
    }

    /** POSIX permissions such as {@code rw-r-----}. */
    public java.util.Set<java.nio.file.attribute.PosixFilePermission> filePermissions(String key) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.fromString(text(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be permissions like rw-r-----, not '" + text(key) + "'", e);
        }
    }

    /** The values of a list file named by {@code key}: one per line, blank lines and {@code #} comments skipped. */
    public java.util.Set<String> listFile(String key) throws java.io.IOException {
        java.util.Set<String> values = new java.util.LinkedHashSet<>();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(text(key)), java.nio.charset.StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                values.add(line.strip());
            }
        }
        return values;
    }

    public static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** In the prod profile every key of {@code required} must have a value (the sandbox defaults do not apply there). */
    public void requireInProduction(java.util.List<String> required) {
        if (!"prod".equals(text("camel.main.profile", ""))) {
            return;
        }
        java.util.List<String> missing = required.stream().filter(k -> optional(k).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new StartupRefusedException("tap-bridge will not start in the prod profile without " + String.join(", ", missing)
                    + ": set " + (missing.size() > 1 ? "them" : "it") + " in config/application-prod.properties or as "
                    + String.join(", ", missing.stream().map(Settings::envName).toList()));
        }
    }
}
