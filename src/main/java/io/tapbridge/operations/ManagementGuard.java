package io.tapbridge.operations;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbridge.settings.Settings;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What guards the management server beyond Jolokia's access policy ({@code jolokia-access.xml}):
 * <ul>
 *   <li>its {@code Host} header must name this machine (loopback, or {@code camel.management.host}, or one of
 *   {@code management.allowed-hosts}): a page whose name was made to resolve to 127.0.0.1 (DNS rebinding) is refused;</li>
 *   <li>with users configured ({@link ManagementUsers}), and always when it listens beyond loopback, every request
 *   needs a login: a {@code viewer} reads (health, metrics, Jolokia reads, {@code whereIs}, {@code attention}), an
 *   {@code operator} also acts (route start and stop, the operations of {@link Operations});</li>
 *   <li>every action (a Jolokia {@code exec}) is logged with who asked, and every change made while the bridge runs
 *   (a route stopped, started or removed) is logged.</li>
 * </ul>
 */
public final class ManagementGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementGuard.class);

    private ManagementGuard() {
    }

    /** Who is asking: kept in the request's own Vert.x context, which Jolokia's worker thread runs in too. */
    private static final String ASKING = "tapbridge.management.asking";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void install(CamelContext camel, Settings settings) throws Exception {
        Set<String> hosts = allowedHosts(settings);
        ManagementUsers users = ManagementUsers.from(settings);
        camel.addStartupListener((context, alreadyStarted) -> {
            ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
            if (server == null || server.getRouter() == null) {
                return; // management server off
            }
            // the body read first, so that the guard can see what a Jolokia request asks for
            server.getRouter().route().order(-1001).handler(BodyHandler.create(false).setBodyLimit(1 << 20));
            server.getRouter().route().order(-1000).handler(http -> {
                if (!allowed(http.request().authority() == null ? null : http.request().authority().host(), hosts)) {
                    LOG.warn("Management request for host {} refused: only {} are served", http.request().authority(), hosts);
                    http.response().setStatusCode(403).end("Host not allowed");
                    return;
                }
                String from = http.request().remoteAddress() == null ? "?" : http.request().remoteAddress().hostAddress();
                Optional<ManagementUsers.User> user = users.login(http.request().getHeader("Authorization"));
                if (users.required() && user.isEmpty()) {
                    http.response().setStatusCode(401).putHeader("WWW-Authenticate", "Basic realm=\"tap-bridge\"").end("Login required");
                    return;
                }
                List<JsonNode> execs = execs(http.request().method().name(), http.body() == null ? null : http.body().asString());
                if (user.isPresent() && !user.get().operator() && execs.stream().anyMatch(e -> !readOnly(e))) {
                    LOG.warn("Management action refused: {} (a viewer) from {} asked for {}", user.get().name(), from, describe(execs));
                    http.response().setStatusCode(403).end("This needs the operator role");
                    return;
                }
                String who = user.map(u -> u.name() + " (" + u.role() + ")").orElse("an unauthenticated caller") + " from " + from;
                if (!execs.isEmpty()) {
                    LOG.info("Management action by {}: {}", who, describe(execs));
                }
                Context request = Vertx.currentContext();
                if (request != null) {
                    request.putLocal(ASKING, who);
                }
                http.next();
            });
        });
        camel.getManagementStrategy().addEventNotifier(new RouteChanges(camel));
    }

    /** Who asked for the management request being handled; "a JMX client" when it did not come over HTTP. */
    static String asking() {
        Context request = Vertx.currentContext();
        Object who = request == null ? null : request.getLocal(ASKING);
        return who == null ? "a JMX client" : who.toString();
    }

    /** The exec requests of a Jolokia POST (one request or a bulk array); none for anything else. */
    static List<JsonNode> execs(String method, String body) {
        if (!"POST".equals(method) || body == null || body.isBlank()) {
            return List.of();
        }
        try {
            JsonNode tree = JSON.readTree(body);
            List<JsonNode> requests = new ArrayList<>();
            (tree.isArray() ? tree : JSON.createArrayNode().add(tree)).forEach(requests::add);
            return requests.stream().filter(r -> !List.of("read", "list", "search", "version").contains(r.path("type").asText())).toList();
        } catch (JsonProcessingException e) {
            return List.of(); // Jolokia refuses it itself
        }
    }

    /**
     * An exec a viewer may make: an operation that only reads (Camel's dump*, get*, list*, ... that Hawtio calls to
     * draw routes and statistics), and the Operations MBean's questions. Everything else acts, and is an operator's;
     * so is browsing an endpoint's messages, which may hold what a viewer should not see.
     */
    static boolean readOnly(JsonNode request) {
        String operation = request.path("operation").asText();
        return "exec".equals(request.path("type").asText()) && READING.matcher(operation).matches();
    }

    private static final java.util.regex.Pattern READING = java.util.regex.Pattern.compile(
            "(dump|get|is|has|list|count|explain|information|whereIs|attention)([A-Z(].*)?");

    private static String describe(List<JsonNode> execs) {
        return execs.stream().map(e -> e.path("type").asText() + " " + e.path("mbean").asText() + " " + e.path("operation").asText()
                + (e.has("arguments") ? " " + e.get("arguments") : "")).collect(Collectors.joining("; "));
    }

    static boolean allowed(String host, Set<String> hosts) {
        if (host == null) {
            return false;
        }
        String bare = host.toLowerCase(Locale.ROOT);
        if (bare.startsWith("[") && bare.endsWith("]")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return hosts.contains(bare);
    }

    static Set<String> allowedHosts(Settings settings) {
        Set<String> hosts = new LinkedHashSet<>(Set.of("127.0.0.1", "localhost", "::1"));
        hosts.add(settings.text("camel.management.host", "127.0.0.1").toLowerCase(Locale.ROOT));
        settings.commaList("management.allowed-hosts").forEach(h -> hosts.add(h.toLowerCase(Locale.ROOT)));
        hosts.remove("0.0.0.0");
        return hosts;
    }

    /** Route state changes while the context runs: what an operator (or anyone reaching Jolokia) did. */
    private static final class RouteChanges extends EventNotifierSupport {
        private final CamelContext camel;

        RouteChanges(CamelContext camel) {
            this.camel = camel;
            setIgnoreCamelContextEvents(true);
            setIgnoreExchangeEvents(true);
            setIgnoreServiceEvents(true);
            setIgnoreStepEvents(true);
        }

        @Override
        public boolean isEnabled(CamelEvent event) {
            return event instanceof CamelEvent.RouteStoppedEvent || event instanceof CamelEvent.RouteStartedEvent
                    || event instanceof CamelEvent.RouteRemovedEvent;
        }

        @Override
        public void notify(CamelEvent event) {
            if (!camel.isStarted() || camel.isStopping()) {
                return; // the bridge starting or stopping, not a management action
            }
            CamelEvent.RouteEvent route = (CamelEvent.RouteEvent) event;
            LOG.warn("Management action: route {} {}", route.getRoute().getRouteId(), switch (event.getType()) {
                case RouteStopped -> "stopped";
                case RouteStarted -> "started";
                case RouteRemoved -> "removed";
                default -> event.getType().name();
            });
        }
    }
}
