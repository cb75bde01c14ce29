package io.tapbridge.sandbox.tapio;

import io.tapbridge.sandbox.SandboxJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Create, get and list licences bound to machines. Developer routes: "To manage licenses, the calling
 * api client needs to act in scope of a developer subscription."
 */
final class LicenseRoutes {

    static final String BASE = "/management/applications";

    private final TapioState state;
    private final SandboxClock clock;
    private final TapioSandboxSettings settings;

    LicenseRoutes(TapioState state, SandboxClock clock, TapioSandboxSettings settings) {
        this.state = state;
        this.clock = clock;
        this.settings = settings;
    }

    void register(RouteTable routes) {
        routes.post(BASE + "/:applicationId/machines/:tmid/license", Access.DEVELOPER, this::create)
                .get(BASE + "/:applicationId/machines/:tmid/license", Access.DEVELOPER, this::get)
                .get(BASE + "/:applicationId/machines/licenses", Access.DEVELOPER, this::list);
    }

    /** 201 {id}; 409 when this application already has a licence for this machine. */
    private ApiAnswer create(ApiRequest request) throws ApiError {
        String id = Guids.random();
        String applicationId = request.path("applicationId");
        String tmid = request.path("tmid");
        StoredLicense stored = LicenseForm.read(request.json(), id, applicationId, tmid, clock.now(), request.role());
        SandboxApplication application = state.requireApplication(applicationId);
        SandboxMachine machine = state.requireMachine(tmid);
        if (find(application.id(), machine.tmid()) != null) {
            throw ApiError.conflict("A license for application '" + application.id() + "' and machine '" + machine.tmid()
                    + "' already exists. Each license is unique per application and machine.");
        }
        state.licenses.put(id, stored);
        ObjectNode body = SandboxJson.object();
        body.put("id", id);
        return ApiAnswer.json(201, body);
    }

    private ApiAnswer get(ApiRequest request) throws ApiError {
        String applicationId = request.path("applicationId");
        String tmid = request.path("tmid");
        StoredLicense stored = find(applicationId, tmid);
        if (stored == null) {
            throw ApiError.notFound("No license exists for application '" + applicationId + "' and machine '" + tmid + "'.");
        }
        return ApiAnswer.json(200, model(stored));
    }

    /** Pages of pageSize in creation order; the last page's continuationToken is null. */
    private ApiAnswer list(ApiRequest request) throws ApiError {
        SandboxApplication application = state.requireApplication(request.path("applicationId"));
        List<StoredLicense> all = state.licenses.values().stream()
                .filter(l -> l.license().applicationId().equals(application.id())).toList();
        String token = request.query("continuationToken").orElse("");
        int from = token.isEmpty() ? 0 : ContinuationToken.decode(token, application.id(), all.size());
        int to = Math.min(all.size(), from + settings.pageSize());
        ObjectNode body = SandboxJson.object();
        ArrayNode items = body.putArray("items");
        all.subList(from, to).forEach(l -> items.add(model(l)));
        body.putObject("pagination").put("continuationToken",
                to < all.size() ? ContinuationToken.encode(application.id(), to) : null);
        return ApiAnswer.json(200, body);
    }

    private StoredLicense find(String applicationId, String tmid) {
        return state.licenses.values().stream()
                .filter(l -> l.license().applicationId().equals(applicationId) && l.license().tmid().equals(tmid))
                .findFirst().orElse(null);
    }

    private static ObjectNode model(StoredLicense stored) {
        SandboxLicense l = stored.license();
        ObjectNode n = SandboxJson.object();
        n.put("id", l.id());
        n.put("createdAt", WireTime.format(l.createdAt()));
        n.put("tapioMachineId", l.tmid());
        n.put("applicationId", l.applicationId());
        ObjectNode data = n.putObject("data");
        data.put("name", l.name());
        data.put("issuedAt", stored.issuedAtText());
        data.put("machineCount", l.machineCount());
        data.put("serialNumber", l.serialNumber());
        data.put("validFrom", stored.validFromText());
        data.put("validTo", stored.validToText());
        return n;
    }
}
