package io.tapbridge.sandbox.tapio;

import io.tapbridge.sandbox.SandboxJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Create, get and update CloudConnectors, and hand out their configuration file (manufacturer routes). */
final class ConnectorRoutes {

    static final String BASE = "/management/manufacturer/connectors";
    private static final Set<String> FIELDS = Set.of("displayName", "tmids", "publicClientCertificate");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TapioState state;
    private final SandboxClock clock;
    private final TapioSandboxSettings settings;

    ConnectorRoutes(TapioState state, SandboxClock clock, TapioSandboxSettings settings) {
        this.state = state;
        this.clock = clock;
        this.settings = settings;
    }

    void register(RouteTable routes) {
        routes.post(BASE, Access.MANUFACTURER, this::create)
                .get(BASE + "/:ccid", Access.MANUFACTURER, this::get)
                .patch(BASE + "/:ccid", Access.MANUFACTURER, this::update)
                .get(BASE + "/:ccid/configuration", Access.MANUFACTURER, this::configuration);
    }

    /** 201 {ccid}; every tmid must be a machine of this manufacturer (400 otherwise). */
    private ApiAnswer create(ApiRequest request) throws ApiError {
        BodyReader r = BodyReader.of(request.json(), FIELDS);
        String displayName = r.requiredText("displayName").orElse(null);
        Optional<List<String>> given = r.requiredTextArray("tmids");
        List<String> tmids = given.orElse(List.of());
        String certificate = r.optionalText("publicClientCertificate").filter(c -> !c.isBlank()).orElse(null);
        if (given.isPresent()) {
            if (tmids.isEmpty()) {
                r.problem("tmids", "must name at least one machine");
            }
            for (int i = 0; i < tmids.size(); i++) {
                if (!state.machines.containsKey(tmids.get(i))) {
                    r.problem("tmids[" + i + "]", "machine '" + tmids.get(i) + "' does not exist");
                }
            }
            if (new LinkedHashSet<>(tmids).size() != tmids.size()) {
                r.problem("tmids", "names a machine twice");
            }
        }
        r.check();
        String ccid = newCcid();
        byte[] certBytes = certificate != null ? certificate.getBytes(StandardCharsets.UTF_8) : randomBytes(32);
        state.connectors.put(ccid, new SandboxConnector(ccid, displayName, tmids, clock.now(), thumbprint(certBytes),
                certificate == null));
        ObjectNode body = SandboxJson.object();
        body.put("ccid", ccid);
        return ApiAnswer.json(201, body);
    }

    private ApiAnswer get(ApiRequest request) throws ApiError {
        return ApiAnswer.json(200, model(requireConnector(request.path("ccid"))));
    }

    /** 200 with the updated connector. */
    private ApiAnswer update(ApiRequest request) throws ApiError {
        List<PatchOperation> ops = PatchOperation.readAll(request.jsonPatch());
        SandboxConnector connector = requireConnector(request.path("ccid"));
        SandboxConnector updated = ConnectorPatch.apply(connector, ops, state.machines);
        state.connectors.put(updated.ccid(), updated);
        return ApiAnswer.json(200, model(updated));
    }

    /** "The configuration file will be available only 1h (one hour) after creation of cloud connector." */
    private ApiAnswer configuration(ApiRequest request) throws ApiError {
        SandboxConnector connector = requireConnector(request.path("ccid"));
        Duration window = settings.connectorConfigurationWindow();
        Instant deletedAt = connector.createdAt().plus(window);
        if (!clock.now().isBefore(deletedAt)) {
            throw ApiError.notFound("The configuration file of cloud connector '" + connector.ccid() + "' was deleted "
                    + describe(window) + " after the cloud connector was created (created "
                    + WireTime.format(connector.createdAt()) + ", deleted " + WireTime.format(deletedAt) + ").");
        }
        return ApiAnswer.xml(200, ConnectorConfiguration.xml(connector, state.seed.manufacturerSubscriptionId(), settings.tenant()))
                .withHeader("Content-Disposition", "attachment; filename=\"" + ConnectorConfiguration.FILE_NAME + "\"");
    }

    private SandboxConnector requireConnector(String ccid) throws ApiError {
        SandboxConnector c = state.connectors.get(ccid);
        if (c == null) {
            throw ApiError.notFound("Cloud connector '" + ccid + "' was not found.");
        }
        return c;
    }

    private ObjectNode model(SandboxConnector c) {
        ObjectNode n = SandboxJson.object();
        n.put("cloudConnectorId", c.ccid());
        n.put("displayName", c.displayName());
        n.put("manufacturerSubscriptionId", state.seed.manufacturerSubscriptionId());
        n.put("createdDate", WireTime.format(c.createdAt()));
        ArrayNode tmids = n.putArray("tmids");
        c.tmids().forEach(tmids::add);
        return n;
    }

    /** 64 random bytes, URL-safe Base64: 86 characters like the text's example ccid. */
    private static String newCcid() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(64));
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** A certificate thumbprint as Windows shows it: SHA-1, hex, upper case. */
    private static String thumbprint(byte[] certificate) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(certificate));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    private static String describe(Duration window) {
        if (window.equals(Duration.ofHours(1))) {
            return "one hour";
        }
        long minutes = window.toMinutes();
        return minutes * 60 == window.toSeconds() ? minutes + " minutes" : window.toSeconds() + " seconds";
    }
}
