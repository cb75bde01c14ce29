package io.tapbridge.sandbox.tapio;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Accept an application's terms of use on behalf of a customer (manufacturer route). */
final class TermsOfUseRoutes {

    private static final Set<String> FIELDS = Set.of("versionNumber", "contractNumber", "acceptedLanguage");
    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+");

    private final TapioState state;

    TermsOfUseRoutes(TapioState state) {
        this.state = state;
    }

    void register(RouteTable routes) {
        routes.put("/management/manufacturer/customerSubscriptions/:subscriptionId/applications/:applicationId/termsofuse",
                Access.MANUFACTURER, this::accept);
    }

    /**
     * 201 the first time for this subscription and application, 200 when accepted before (the values are
     * replaced). Without versionNumber the latest version is accepted; a versionNumber the application
     * does not have is a 400 ("Version number needs to exist").
     */
    private ApiAnswer accept(ApiRequest request) throws ApiError {
        BodyReader r = BodyReader.of(request.json(), FIELDS);
        String version = r.optionalText("versionNumber").map(String::trim).orElse(null);
        if (version != null && !SEMVER.matcher(version).matches()) {
            r.problem("versionNumber", "'" + version + "' is not a semantic version such as 1.0.0");
            version = null;
        }
        String contractNumber = r.requiredText("contractNumber").orElse(null);
        String language = r.optionalText("acceptedLanguage").flatMap(l -> {
            var code = Cultures.language(l);
            if (code.isEmpty()) {
                r.problem("acceptedLanguage", "'" + l + "' is not a two-letter language code such as de");
            }
            return code;
        }).orElse(null);
        r.check();
        SandboxCustomer customer = state.requireCustomer(request.path("subscriptionId"));
        SandboxApplication application = state.requireApplication(request.path("applicationId"));
        if (version != null && !application.termsVersions().contains(version)) {
            throw ApiError.invalid("versionNumber", "version " + version + " of the terms of use of application '"
                    + application.id() + "' does not exist (" + String.join(", ", application.termsVersions()) + ")");
        }
        String accepted = version != null ? version : latest(application.termsVersions());
        List<String> key = List.of(customer.subscriptionId(), application.id());
        boolean first = !state.terms.containsKey(key);
        state.terms.put(key, new SandboxTermsAcceptance(customer.subscriptionId(), application.id(), contractNumber, accepted,
                language));
        return ApiAnswer.empty(first ? 201 : 200);
    }

    private static String latest(List<String> versions) {
        Comparator<String> semantic = Comparator.comparing((String v) -> part(v, 0))
                .thenComparing(v -> part(v, 1)).thenComparing(v -> part(v, 2));
        return versions.stream().max(semantic).orElse(null);
    }

    private static int part(String version, int i) {
        String[] parts = version.split("\\.");
        try {
            return i < parts.length ? Integer.parseInt(parts[i]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
