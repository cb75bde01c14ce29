package io.tapbridge.sandbox;

import java.time.Duration;
import java.util.Optional;

import io.tapbridge.sandbox.tapio.TapioSandbox;
import io.tapbridge.sandbox.tapio.TapioSandboxSettings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded TAP and tapio sandboxes when {@code sandbox.enabled=true} (the tapio one while
 * {@code tapio.enabled=true}), on the ports the bridge's default URLs point at, and stops them after the routes.
 *
 * <p>The bridge never refers to this package: {@code TapBridge} adds this configuration by name when the class is
 * on the class path, so the production artifact ({@code tap-bridge-prod.jar}) simply leaves the package out.
 */
public final class SandboxConfiguration implements CamelConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        PropertiesComponent properties = context.getPropertiesComponent();
        if (!flag(properties, "sandbox.enabled")) {
            return;
        }
        TapSandbox tap = new TapSandbox(new TapSandboxSettings()
                .port(Integer.parseInt(text(properties, "sandbox.tap.port")))
                .clientId(text(properties, "tap.client-id"))
                .clientSecret(text(properties, "tap.client-secret"))
                .scope(optional(properties, "tap.scope").orElse("tapstoreapis"))
                .latency(duration(properties, "sandbox.tap.latency"))
                .processingTime(duration(properties, "sandbox.tap.processing-time"))
                .holdReleaseAfter(optional(properties, "sandbox.tap.hold-release-after").map(SandboxConfiguration::duration).orElse(null))
                .otaPendingTime(duration(properties, "sandbox.tap.ota-pending-time"))).start();
        closeOnStop(context, tap);
        LOG.info("Embedded TAP sandbox at {} (sandbox.enabled=true; never in production)", tap.baseUrl());
        if (flag(properties, "tapio.enabled")) {
            TapioSandbox tapio = new TapioSandbox(new TapioSandboxSettings()
                    .port(Integer.parseInt(text(properties, "sandbox.tapio.port")))
                    .manufacturerClientId(text(properties, "tapio.manufacturer.client-id"))
                    .manufacturerClientSecret(text(properties, "tapio.manufacturer.client-secret"))
                    .developerClientId(text(properties, "tapio.developer.client-id"))
                    .developerClientSecret(text(properties, "tapio.developer.client-secret"))
                    .manufacturerId(text(properties, "tapio.manufacturer-id"))
                    .latency(duration(properties, "sandbox.tapio.latency"))).start();
            closeOnStop(context, tapio);
            LOG.info("Embedded tapio sandbox at {} (sandbox.enabled=true; never in production)", tapio.baseUrl());
        }
    }

    private static void closeOnStop(CamelContext context, AutoCloseable sandbox) throws Exception {
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                sandbox.close();
            }
        }, true, true);
    }

    private static Optional<String> optional(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String text(PropertiesComponent properties, String key) {
        return optional(properties, key).orElseThrow(() -> new IllegalStateException("Setting " + key + " is missing"));
    }

    private static boolean flag(PropertiesComponent properties, String key) {
        return Boolean.parseBoolean(text(properties, key));
    }

    private static Duration duration(PropertiesComponent properties, String key) {
        return duration(text(properties, key));
    }

    private static Duration duration(String value) {
        return Duration.ofMillis(TimeUtils.toMilliSeconds(value));
    }
}
