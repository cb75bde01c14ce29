package io.tapbridge.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.tapbridge.http.OAuthClientCredentials;
import io.tapbridge.ledger.LedgerDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness on {@code /observe/health}, beside Camel's own checks of the routes and consumers: the ledger answers,
 * every local inbox can be written, what the launcher adds (with SFTP: the server takes the bridge's login, the last copy to it worked), and each OAuth2 client's last token
 * fetch worked. A remote that is down makes its check DOWN; the
 * bridge keeps running and its work waits. Liveness stays Camel's.
 */
public final class ReadinessChecks {

    private ReadinessChecks() {
    }

    public static void register(CamelContext camel, LedgerDatabase ledger, List<Path> inboxes, List<OAuthClientCredentials> tokens,
            Map<String, Supplier<Optional<String>>> others) {
        HealthCheckRegistry registry = HealthCheckRegistry.get(camel);
        registry.register(new Check("ledger", () -> {
            ledger.ping();
            return null;
        }));
        registry.register(new Check("inboxes", () -> inboxes.stream()
                .filter(inbox -> !Files.isDirectory(inbox) || !Files.isWritable(inbox))
                .map(inbox -> inbox + " cannot be written: files dropped there could never be archived")
                .findFirst().orElse(null)));
        others.forEach((id, problem) -> registry.register(new Check(id, () -> problem.get().orElse(null))));
        for (OAuthClientCredentials client : tokens) {
            registry.register(new Check("token " + client.name(), () -> client.lastFailure().orElse(null)));
        }
    }

    /** A readiness check whose probe answers null when all is well, else why not. */
    private static final class Check extends AbstractHealthCheck {
        private final Supplier<String> problem;

        Check(String id, Supplier<String> problem) {
            super("tap-bridge", id);
            this.problem = problem;
        }

        @Override
        public boolean isLiveness() {
            return false;
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            try {
                String why = problem.get();
                if (why == null) {
                    builder.up();
                } else {
                    builder.message(why).down();
                }
            } catch (RuntimeException e) {
                builder.message(e.getMessage()).error(e).down();
            }
        }
    }
}
