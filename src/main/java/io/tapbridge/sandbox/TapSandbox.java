package io.tapbridge.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An embedded, stateful emulator of the Trimble TAP Store APIs and their OAuth2 token endpoint, served
 * over real HTTP on its own Vert.x instance. Tests and the demo point the bridge at {@link #baseUrl()}
 * and {@link #tokenUrl()}, then inspect {@link #orders()} and {@link #calls()}.
 *
 * <pre>
 * try (TapSandbox tap = new TapSandbox(new TapSandboxSettings()).start()) { … }
 * </pre>
 */
public final class TapSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TapSandbox.class);

    private final TapSandboxSettings settings;
    private final SandboxTime time;
    private final SandboxFaults faults = new SandboxFaults();
    private final CallLog calls = new CallLog();
    private final TokenIssuer tokens;
    private final OrderBook orderBook;
    private final OrderProcedures orderProcedures;
    private final TapProcedures procedures;
    private final SandboxHost host;

    /** Loads the catalogue at once, so a broken catalogue file fails here and not on the first call. */
    public TapSandbox(TapSandboxSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.host = new SandboxHost("TAP sandbox", settings.host());
        this.time = new SandboxTime(settings);
        this.tokens = new TokenIssuer(time);
        this.orderBook = new OrderBook(time, settings);
        Catalogue catalogue = Catalogue.load(settings.cataloguePath(), settings.clientId());
        this.orderProcedures = new OrderProcedures(orderBook, new OrderValidator(catalogue, orderBook, time, settings), time, settings);
        this.procedures = new TapProcedures(new CatalogueProcedures(catalogue), orderProcedures);
    }

    /** Starts the server and blocks until the port is bound. */
    public TapSandbox start() {
        host.start(h -> SandboxServer.start(h, settings.port(), new TapApiHandler(h.vertx(), settings, time, calls, tokens, faults, procedures),
                new TokenEndpoint(settings, tokens, calls, time), new OperatorEndpoints(this)));
        LOG.info("TAP Store sandbox listening on {} (token endpoint {})", baseUrl(), tokenUrl());
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

    public String baseUrl() {
        return host.root() + SandboxServer.API_PATH;
    }

    public String tokenUrl() {
        return host.root() + SandboxServer.TOKEN_PATH;
    }

    public TapSandboxSettings settings() {
        return settings;
    }

    public SandboxFaults faults() {
        return faults;
    }

    /** Latency added to every API call from now on (not to the token endpoint). */
    public void setLatency(Duration latency) {
        settings.latency(latency);
    }

    /** Snapshot of all orders, in creation order, with their state as of now. */
    public List<SandboxOrder> orders() {
        return orderBook.snapshot();
    }

    /** Snapshot of every API and token request, in arrival order. */
    public List<RecordedCall> calls() {
        return calls.snapshot();
    }

    /** TAP_CREATE_ORDER_API requests received, whatever their outcome. */
    public long createCalls() {
        return calls.count(ApiProcedure.TAP_CREATE_ORDER_API.name());
    }

    public int tokensIssued() {
        return tokens.issued();
    }

    /** Every token issued since the start or the last reset, as issued. */
    public java.util.Set<String> issuedTokens() {
        return tokens.tokens();
    }

    /** Every token issued so far answers 401 "Access Token Expired" from now on. */
    public void expireTokens() {
        tokens.expireAll();
    }

    /**
     * ORDER_ON_HOLD → SUCCESS, as Trimble support does by hand.
     *
     * @throws IllegalArgumentException when no order with this uniqueId is on hold now
     */
    public void releaseHold(String uniqueId) {
        if (!tryReleaseHold(uniqueId)) {
            throw new IllegalArgumentException("no order " + uniqueId + " is ORDER_ON_HOLD");
        }
    }

    boolean tryReleaseHold(String uniqueId) {
        return uniqueId != null && orderBook.release(uniqueId);
    }

    /** Serial numbers of accepted TAP_RESEND_ACTIVATION_API requests, in order (sandbox extra). */
    public List<String> resentSerialNumbers() {
        return orderProcedures.resentSerials();
    }

    /** Every service TAP_RESEND_ACTIVATION_API resent, as "serial partNumber", once per resend. */
    public List<String> resentServices() {
        return orderProcedures.resentServices();
    }

    /** Forgets orders, calls, faults, tokens and resends; the catalogue and the settings stay. */
    public void reset() {
        orderBook.clear();
        calls.clear();
        faults.clear();
        tokens.clear();
        orderProcedures.clear();
    }
}
