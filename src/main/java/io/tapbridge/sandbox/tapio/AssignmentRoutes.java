package io.tapbridge.sandbox.tapio;

import io.tapbridge.sandbox.SandboxJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Set;

/**
 * Application capabilities, and assigning machines to applications in a customer subscription.
 * Manufacturer routes: "In order to assign machines to applications, the calling api client needs to
 * act as the manufacturer of the machine."
 */
final class AssignmentRoutes {

    private static final Set<String> FIELDS = Set.of("customerSubscriptionId", "applicationId");

    private final TapioState state;
    private final SandboxClock clock;
    private final FreeLicenses freeLicenses;

    AssignmentRoutes(TapioState state, SandboxClock clock) {
        this.state = state;
        this.clock = clock;
        this.freeLicenses = new FreeLicenses(state);
    }

    void register(RouteTable routes) {
        routes.get("/management/manufacturer/applications/:applicationId", Access.MANUFACTURER, this::capabilities)
                .put(MachineRoutes.BASE + "/:tmid/applicationassignment", Access.MANUFACTURER, this::assign)
                .delete(MachineRoutes.BASE + "/:tmid/applicationassignment", Access.MANUFACTURER, this::unassign);
    }

    /** {capabilities:[…]}, empty when the application has none. */
    private ApiAnswer capabilities(ApiRequest request) throws ApiError {
        SandboxApplication application = state.requireApplication(request.path("applicationId"));
        ObjectNode body = SandboxJson.object();
        ArrayNode list = body.putArray("capabilities");
        application.capabilities().forEach(list::add);
        return ApiAnswer.json(200, body);
    }

    /**
     * 201 the first time, 200 when already assigned. 404 when the machine is not onboarded in the
     * subscription, or when there is no free licence; 400 when the application cannot take this kind
     * of machine or its terms of use were not accepted in the subscription.
     */
    private ApiAnswer assign(ApiRequest request) throws ApiError {
        BodyReader r = BodyReader.of(request.json(), FIELDS);
        String subscriptionId = r.requiredGuid("customerSubscriptionId").orElse(null);
        String applicationId = r.requiredGuid("applicationId").orElse(null);
        r.check();
        SandboxMachine machine = state.requireMachine(request.path("tmid"));
        SandboxCustomer customer = state.requireCustomer(subscriptionId);
        SandboxApplication application = state.requireApplication(applicationId);
        if (!customer.subscriptionId().equals(machine.onboardedIn())) {
            throw ApiError.notFound("The machine '" + machine.tmid() + "' is not onboarded in customer subscription '"
                    + customer.subscriptionId() + "'; onboard it before assigning it to an application.");
        }
        SandboxAssignment assignment = new SandboxAssignment(machine.tmid(), application.id(), customer.subscriptionId());
        if (state.assignments.containsKey(assignment)) {
            return ApiAnswer.empty(200);
        }
        requireCapability(machine, application);
        if (!state.terms.containsKey(List.of(customer.subscriptionId(), application.id()))) {
            throw refused("The terms of use of application '" + application.id()
                    + "' have not been accepted in customer subscription '" + customer.subscriptionId() + "'.");
        }
        SandboxLicense license = freeLicenses.find(application.id(), customer.subscriptionId(), machine.tmid(), clock.now())
                .orElseThrow(() -> new ApiError(404, "The application assignment could not be created because there exists no"
                        + " free license for application '" + application.id() + "' in customer subscription '"
                        + customer.subscriptionId() + "'.",
                        freeLicenses.reasons(application.id(), customer.subscriptionId(), clock.now())));
        state.assignments.put(assignment, license.id());
        return ApiAnswer.empty(201);
    }

    /** 204, or 404 when the machine is not (any more) assigned to the application in that subscription. */
    private ApiAnswer unassign(ApiRequest request) throws ApiError {
        String applicationId = requiredGuidQuery(request, "applicationId");
        String subscriptionId = requiredGuidQuery(request, "customerSubscriptionId");
        SandboxMachine machine = state.requireMachine(request.path("tmid"));
        SandboxAssignment assignment = new SandboxAssignment(machine.tmid(), applicationId, subscriptionId);
        if (state.assignments.remove(assignment) == null) {
            throw ApiError.notFound("The machine '" + machine.tmid() + "' is not assigned to application '" + applicationId
                    + "' in customer subscription '" + subscriptionId + "' (already unassigned).");
        }
        return ApiAnswer.empty(204);
    }

    /** Connected machines (isTapioReady) need MachineAssignable, limited ones LimitedMachineAssignable. */
    private static void requireCapability(SandboxMachine machine, SandboxApplication application) throws ApiError {
        String needed = machine.isTapioReady() ? SandboxApplication.MACHINE_ASSIGNABLE : SandboxApplication.LIMITED_MACHINE_ASSIGNABLE;
        if (!application.capabilities().contains(needed)) {
            throw refused("Application '" + application.id() + "' cannot be assigned to "
                    + (machine.isTapioReady() ? "connected" : "limited") + " machines: it lacks the capability " + needed + ".");
        }
    }

    /** A 400 that no change of the request's fields can fix, so the message says it and details name applicationId. */
    private static ApiError refused(String message) {
        return new ApiError(400, message, List.of("applicationId: " + message));
    }

    private static String requiredGuidQuery(ApiRequest request, String name) throws ApiError {
        String value = request.query(name).map(String::trim).orElse("");
        if (value.isEmpty()) {
            throw ApiError.invalid(name, "the query parameter is required");
        }
        if (!Guids.isGuid(value)) {
            throw ApiError.invalid(name, "'" + value + "' is not a valid Guid");
        }
        return Guids.canonical(value);
    }
}
