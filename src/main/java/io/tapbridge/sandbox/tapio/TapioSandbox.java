package io.tapbridge.sandbox.tapio;

import io.tapbridge.sandbox.SandboxHost;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An embedded, stateful emulator of tapio's management API (manufacturer and licensing routes) and of
 * its Azure AD token endpoint, served over real HTTP on its own Vert.x instance. Tests and the demo
 * point the bridge at {@link #baseUrl()} and {@link #tokenUrl()} / {@link #tokenUrlV2()}, then inspect
 * the recorded state ({@link #machines()}, {@link #licenses()}, {@link #assignments()}, {@link #calls()} …).
 * Every snapshot is immutable and consistent (taken under the state lock).
 *
 * <pre>
 * try (TapioSandbox tapio = new TapioSandbox(new TapioSandboxSettings()).start()) { … }
 * </pre>
 */
public final class TapioSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TapioSandbox.class);

    private final TapioSandboxSettings settings;
    private final SandboxClock clock;
    private final TapioState state;
    private final TapioTokens tokens;
    private final TapioFaults faults = new TapioFaults();
    private final CallLog calls = new CallLog();
    private final RouteTable routes = new RouteTable();
    private final SandboxHost host;

    /** Loads the seed at once, so a broken seed fails here and not on the first request. */
    public TapioSandbox(TapioSandboxSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.host = new SandboxHost("tapio sandbox", settings.host());
        this.clock = new SandboxClock(settings);
        this.state = new TapioState(TapioSeed.load(settings.seedPath()));
        this.tokens = new TapioTokens(clock);
        new TokenEndpoint(settings, tokens, clock).register(routes);
        new CustomerRoutes(state).register(routes);
        new MachineRoutes(state, clock, settings).register(routes);
        new OnboardingRoutes(state, settings).register(routes);
        new ConnectorRoutes(state, clock, settings).register(routes);
        new MetadataRoutes(state).register(routes);
        new LicenseRoutes(state, clock, settings).register(routes);
        new TermsOfUseRoutes(state).register(routes);
        new AssignmentRoutes(state, clock).register(routes);
    }

    /** Starts the server and blocks until the port is bound. */
    public TapioSandbox start() {
        host.start(h -> TapioServer.start(h, settings.port(), routes, new ApiGate(h.vertx(), settings, calls, tokens, faults, state)));
        LOG.info("tapio sandbox listening on {} (token endpoints {} and {})", baseUrl(), tokenUrl(), tokenUrlV2());
        return this;
    }

    /** Stops the server and Vert.x; idempotent. */
    @Override
    public void close() {
        host.close();
    }

    public int port() {
        return host.port();
    }

    /** "http://127.0.0.1:&lt;port&gt;"; the API paths hang below it: /manufacturer/…, /management/…. */
    public String baseUrl() {
        return host.root();
    }

    /** The v1 token endpoint: form field {@code resource=<settings.resource>}. */
    public String tokenUrl() {
        return baseUrl() + "/" + settings.tenant() + "/oauth2/token";
    }

    /** The v2 token endpoint: form field {@code scope=<settings.resource>/.default}. */
    public String tokenUrlV2() {
        return baseUrl() + "/" + settings.tenant() + "/oauth2/v2.0/token";
    }

    public TapioSandboxSettings settings() {
        return settings;
    }

    public TapioFaults faults() {
        return faults;
    }

    /** Every token issued so far is refused with 401 from now on. */
    public void expireTokens() {
        tokens.expireAll();
    }

    /** Every token issued since the start or the last reset, as issued. */
    public java.util.Set<String> issuedTokens() {
        return tokens.tokens();
    }

    /** Tokens issued to this client id since the start or the last {@link #reset()}. */
    public int tokensIssued(String clientId) {
        return tokens.issued(clientId);
    }

    /** Moves the sandbox's clock on: token expiry, the connector-configuration window, licence validity. */
    public void advanceTime(Duration d) {
        clock.advance(d);
    }

    public Instant now() {
        return clock.now();
    }

    /** The manufacturer subscription of the seed, as cloud connectors report it. */
    public String manufacturerSubscriptionId() {
        return state.seed.manufacturerSubscriptionId();
    }

    public List<SandboxApplication> applications() {
        return List.copyOf(state.seed.applications().values());
    }

    /** Every API and token request, in arrival order. */
    public List<TapioCall> calls() {
        return calls.snapshot();
    }

    /**
     * How many calls had this method ({@code null} or "*" for any) and a path matching the regex as a
     * whole, e.g. {@code calls("POST", "/management/manufacturer/machines")}.
     */
    public long calls(String method, String pathRegex) {
        return calls.count(method, pathRegex);
    }

    public Optional<SandboxMachine> machine(String tmid) {
        return state.read(() -> Optional.ofNullable(state.machines.get(tmid)));
    }

    public List<SandboxMachine> machines() {
        return state.read(() -> List.copyOf(state.machines.values()));
    }

    /** Seeded and created customers, in that order. */
    public List<SandboxCustomer> customers() {
        return state.read(() -> List.copyOf(state.customers.values()));
    }

    public List<SandboxLicense> licenses() {
        return state.read(() -> state.licenses.values().stream().map(StoredLicense::license).toList());
    }

    /** In assignment order. */
    public Set<SandboxAssignment> assignments() {
        return state.read(() -> Collections.unmodifiableSet(new LinkedHashSet<>(state.assignments.keySet())));
    }

    public List<SandboxTermsAcceptance> termsAccepted() {
        return state.read(() -> List.copyOf(state.terms.values()));
    }

    public List<SandboxConnector> connectors() {
        return state.read(() -> List.copyOf(state.connectors.values()));
    }

    public List<SandboxMail> mails() {
        return state.read(() -> List.copyOf(state.mails));
    }

    /** A machine's metadata documents (copies), keyed "global/&lt;key&gt;" and "&lt;applicationId&gt;/&lt;key&gt;". */
    public Map<String, JsonNode> metadata(String tmid) {
        return state.read(() -> Collections.unmodifiableMap(state.metadata.snapshot(tmid)));
    }

    /**
     * Back to the seed: state, calls, faults and the clock's offset are reset and the token counts start
     * again. Tokens already issued stay valid, so a client's cached token keeps working across tests.
     */
    public void reset() {
        state.reset();
        calls.clear();
        faults.clear();
        clock.reset();
        tokens.resetCounts();
    }
}
