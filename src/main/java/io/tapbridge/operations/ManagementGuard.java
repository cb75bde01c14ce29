package io.tapbridge.operations;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.tapbridge.settings.Settings;
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
 *   <li>every change made while the bridge runs (a route stopped, started or removed) is logged.</li>
 * </ul>
 */
public final class ManagementGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementGuard.class);

    private ManagementGuard() {
    }

    public static void install(CamelContext camel, Settings settings) throws Exception {
        Set<String> hosts = allowedHosts(settings);
        camel.addStartupListener((context, alreadyStarted) -> {
            ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
            if (server == null || server.getRouter() == null) {
                return; // management server off
            }
            server.getRouter().route().order(-1000).handler(http -> {
                if (allowed(http.request().authority() == null ? null : http.request().authority().host(), hosts)) {
                    http.next();
                } else {
                    LOG.warn("Management request for host {} refused: only {} are served", http.request().authority(), hosts);
                    http.response().setStatusCode(403).end("Host not allowed");
                }
            });
        });
        camel.getManagementStrategy().addEventNotifier(new RouteChanges(camel));
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
        hosts.addAll(Arrays.stream(settings.text("management.allowed-hosts", "").split(","))
                .map(String::strip).filter(h -> !h.isEmpty()).map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toList()));
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
