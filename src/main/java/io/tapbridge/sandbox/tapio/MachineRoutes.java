package io.tapbridge.sandbox.tapio;

import io.tapbridge.sandbox.SandboxJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

/** Create, get, update and delete manufacturer machines (manufacturer routes). */
final class MachineRoutes {

    static final String BASE = "/management/manufacturer/machines";
    static final List<String> DEVICE_TYPES = List.of(SandboxMachine.MACHINE, SandboxMachine.SMART_DEVICE);
    private static final Set<String> FIELDS = Set.of("displayName", "serialNumber", "deviceType", "deviceSubType",
            "tmidPostfix", "isTapioReady");
    /** The tmid travels in URL paths; the sandbox keeps it to characters that need no encoding. */

    private final TapioState state;
    private final SandboxClock clock;
    private final TapioSandboxSettings settings;

    MachineRoutes(TapioState state, SandboxClock clock, TapioSandboxSettings settings) {
        this.state = state;
        this.clock = clock;
        this.settings = settings;
    }

    void register(RouteTable routes) {
        routes.post(BASE, Access.MANUFACTURER, this::create)
                .get(BASE + "/:tmid", Access.MANUFACTURER, this::get)
                .patch(BASE + "/:tmid", Access.MANUFACTURER, this::update)
                .delete(BASE + "/:tmid", Access.MANUFACTURER, this::delete);
    }

    private ApiAnswer create(ApiRequest request) throws ApiError {
        BodyReader r = BodyReader.of(request.json(), FIELDS);
        String displayName = r.requiredText("displayName").orElse(null);
        String serialNumber = r.requiredText("serialNumber").orElse(null);
        String deviceType = r.optionalText("deviceType").orElse(SandboxMachine.MACHINE);
        if (!DEVICE_TYPES.contains(deviceType)) {
            r.problem("deviceType", "'" + deviceType + "' is not valid (Machine, SmartDevice)");
        }
        String deviceSubType = r.optionalText("deviceSubType").orElse(null);
        String postfix = r.optionalText("tmidPostfix").orElse(serialNumber);
        if (postfix != null && !io.tapbridge.tapio.CustomerRules.isTmidPostfix(postfix)) {
            r.problem(r.optionalText("tmidPostfix").isPresent() ? "tmidPostfix" : "serialNumber",
                    "'" + postfix + "' cannot be a tmidPostfix: use 1 to 100 letters, digits, '.', '_', '~' or '-'"
                            + " (give tmidPostfix when the serial number has other characters)");
        }
        boolean tapioReady = r.optionalBoolean("isTapioReady").orElse(true);
        r.check();
        String tmid = settings.manufacturerId() + postfix;
        if (state.machines.containsKey(tmid)) {
            throw ApiError.conflict("A machine with tmid '" + tmid + "' already exists.");
        }
        state.machines.put(tmid, new SandboxMachine(tmid, serialNumber, displayName, deviceType, deviceSubType, postfix,
                tapioReady, null, false, null));
        state.machineCreatedAt.put(tmid, clock.now());
        ObjectNode body = SandboxJson.object();
        body.put("tmid", tmid);
        return ApiAnswer.json(201, body);
    }

    private ApiAnswer get(ApiRequest request) throws ApiError {
        return ApiAnswer.json(200, model(state.requireMachine(request.path("tmid"))));
    }

    /** 200 with the updated machine, as "Get Manufacturer Machine" shows it. */
    private ApiAnswer update(ApiRequest request) throws ApiError {
        List<PatchOperation> ops = PatchOperation.readAll(request.jsonPatch());
        SandboxMachine machine = state.requireMachine(request.path("tmid"));
        SandboxMachine updated = MachinePatch.apply(machine, ops);
        state.machines.put(updated.tmid(), updated);
        return ApiAnswer.json(200, model(updated));
    }

    /** "The machine can be deleted only if it is not onboarded yet": once onboarded, never again. */
    private ApiAnswer delete(ApiRequest request) throws ApiError {
        SandboxMachine machine = state.requireMachine(request.path("tmid"));
        if (machine.onboardedIn() != null || machine.everOnboarded()) {
            throw ApiError.conflict("The machine '" + machine.tmid() + "' can be deleted only if it is not onboarded yet; it "
                    + (machine.onboardedIn() != null ? "is onboarded in a customer subscription." : "was onboarded before."));
        }
        state.machines.remove(machine.tmid());
        state.machineCreatedAt.remove(machine.tmid());
        state.metadata.removeMachine(machine.tmid());
        // the connectors no longer serve it; licences stay, they belong to the developer subscription
        for (SandboxConnector c : state.connectorsServing(machine.tmid())) {
            state.connectors.put(c.ccid(), c.updated(c.displayName(),
                    c.tmids().stream().filter(t -> !t.equals(machine.tmid())).toList()));
        }
        return ApiAnswer.empty(204);
    }

    private ObjectNode model(SandboxMachine m) {
        ObjectNode n = SandboxJson.object();
        n.put("tmid", m.tmid());
        n.put("displayName", m.displayName());
        n.put("serialNumber", m.serialNumber());
        n.put("createdAt", WireTime.format(state.machineCreatedAt.get(m.tmid())));
        n.put("deviceType", m.deviceType());
        n.put("deviceSubType", m.deviceSubType());
        n.put("isMassDevice", m.isMassDevice());
        ArrayNode cc = n.putArray("cc");
        for (SandboxConnector c : state.connectorsServing(m.tmid())) {
            cc.addObject().put("ccid", c.ccid()).put("displayName", c.displayName());
        }
        n.put("isTapioReady", m.isTapioReady());
        return n;
    }
}
