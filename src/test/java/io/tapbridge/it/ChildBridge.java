package io.tapbridge.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import io.tapbridge.sandbox.TapSandbox;

/**
 * The main class in a JVM of its own, configured as operators do it: a profile and environment variables. The
 * variables of the test's own environment that the bridge reads are removed first, so that only {@code env} counts.
 */
final class ChildBridge {

    private ChildBridge() {
    }

    static ProcessBuilder builder(Path log, Map<String, String> env) {
        return builder(log, env, "-cp", System.getProperty("java.class.path"), "io.tapbridge.TapBridge");
    }

    /** A built jar, as an operator starts it: {@code java -jar}. */
    static ProcessBuilder jar(Path jar, Path log, Map<String, String> env) {
        return builder(log, env, "-jar", jar.toString());
    }

    private static ProcessBuilder builder(Path log, Map<String, String> env, String... what) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-Dfile.encoding=UTF-8"));
        command.addAll(java.util.List.of(what));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.directory(new File(System.getProperty("user.dir")));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("TAP_") || k.startsWith("TAPIO_") || k.startsWith("DB_")
                || k.startsWith("CAMEL_") || k.startsWith("ERP_") || k.startsWith("INSTANCE_"));
        builder.environment().putAll(env);
        return builder;
    }

    /** The test profile's order flow (tapio off) against {@code tap}, on the ledger {@code dbUrl}, as instance {@code instance}. */
    static Process orders(TapSandbox tap, Path erpDir, String dbUrl, String dbUser, Path instanceIdFile, Path log) throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("CAMEL_MAIN_PROFILE", "test");
        env.put("TAPIO_ENABLED", "false");
        env.put("TAP_BASE_URL", tap.baseUrl());
        env.put("TAP_TOKEN_URL", tap.tokenUrl());
        env.put("TAP_CLIENT_ID", tap.settings().clientId());
        env.put("TAP_CLIENT_SECRET", tap.settings().clientSecret());
        env.put("TAP_BATCH_SIZE", "5");
        env.put("ERP_DIR", erpDir.toString());
        env.put("DB_URL", dbUrl);
        env.put("DB_USERNAME", dbUser);
        env.put("INSTANCE_ID_FILE", instanceIdFile.toString());
        return builder(log, env).start();
    }
}
