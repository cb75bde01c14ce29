package io.tapbridge.sandbox.tapio;

import java.util.Locale;
import java.util.Set;

/** Onboard a machine into a customer subscription, offboard it, rename it there (manufacturer routes). */
final class OnboardingRoutes {

    private static final Set<String> ONBOARD_FIELDS = Set.of("customerSubscriptionId", "machineName");
    private static final Set<String> RENAME_FIELDS = Set.of("customerSubscriptionId", "displayName");

    private final TapioState state;
    private final TapioSandboxSettings settings;

    OnboardingRoutes(TapioState state, TapioSandboxSettings settings) {
        this.state = state;
        this.settings = settings;
    }

    void register(RouteTable routes) {
        String machine = MachineRoutes.BASE + "/:tmid";
        routes.put(machine + "/onboarding", Access.MANUFACTURER, this::onboard)
                .delete(machine + "/onboarding", Access.MANUFACTURER, this::offboard)
                .put(machine + "/renaming", Access.MANUFACTURER, this::rename);
    }

    /**
     * 201 the first time, 200 when already onboarded in that subscription (the name stays: renaming is
     * its own route), 409 when blocked or onboarded in another subscription.
     */
    private ApiAnswer onboard(ApiRequest request) throws ApiError {
        BodyReader r = BodyReader.of(request.json(), ONBOARD_FIELDS);
        String subscriptionId = r.requiredGuid("customerSubscriptionId").orElse(null);
        String machineName = r.requiredText("machineName").orElse(null);
        r.check();
        SandboxMachine machine = state.requireMachine(request.path("tmid"));
        state.requireCustomer(subscriptionId);
        if (blocked(machine)) {
            throw ApiError.conflict("The manufacturer machine '" + machine.tmid() + "' is blocked and cannot be onboarded.");
        }
        if (subscriptionId.equals(machine.onboardedIn())) {
            return ApiAnswer.empty(200);
        }
        if (machine.onboardedIn() != null) {
            throw ApiError.conflict("The machine '" + machine.tmid() + "' is already onboarded in another customer subscription;"
                    + " it must be offboarded there first.");
        }
        state.machines.put(machine.tmid(), machine.onboarded(subscriptionId, machineName));
        return ApiAnswer.empty(201);
    }

    /** 404 when it is not onboarded (any more); 409 while it is assigned to an application. */
    private ApiAnswer offboard(ApiRequest request) throws ApiError {
        SandboxMachine machine = state.requireMachine(request.path("tmid"));
        if (machine.onboardedIn() == null) {
            throw ApiError.notFound("The machine '" + machine.tmid() + "' is not onboarded (already offboarded).");
        }
        if (state.assignedAnywhere(machine.tmid())) {
            throw ApiError.conflict("The machine '" + machine.tmid() + "' is assigned to an application;"
                    + " unassign it from every application before offboarding it.");
        }
        state.machines.put(machine.tmid(), machine.offboarded());
        return ApiAnswer.empty(204);
    }

    private ApiAnswer rename(ApiRequest request) throws ApiError {
        BodyReader r = BodyReader.of(request.json(), RENAME_FIELDS);
        String subscriptionId = r.requiredGuid("customerSubscriptionId").orElse(null);
        String displayName = r.requiredText("displayName").orElse(null);
        r.check();
        SandboxMachine machine = state.requireMachine(request.path("tmid"));
        state.requireCustomer(subscriptionId);
        if (!subscriptionId.equals(machine.onboardedIn())) {
            throw ApiError.notFound("The machine '" + machine.tmid() + "' is not onboarded in customer subscription '"
                    + subscriptionId + "'.");
        }
        state.machines.put(machine.tmid(), machine.renamedForCustomer(displayName));
        return ApiAnswer.empty(204);
    }

    private boolean blocked(SandboxMachine machine) {
        String prefix = settings.blockedSerialPrefix().toLowerCase(Locale.ROOT);
        return machine.serialNumber().toLowerCase(Locale.ROOT).startsWith(prefix);
    }
}
