package io.tapbridge.sandbox.tapio;

import io.tapbridge.sandbox.SandboxJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sandbox's starting point, read from {@code seed.json}: the manufacturer's subscription id, the
 * applications of the developer subscription, the existing customers, the Windows time-zone ids tapio
 * accepts, default time zones by country, and the embargoed countries. Loaded once and checked, so that
 * a broken seed fails the sandbox's constructor and not a request.
 */
record TapioSeed(String manufacturerSubscriptionId, Map<String, SandboxApplication> applications,
                 List<SandboxCustomer> customers, Map<String, String> timeZones, Map<String, String> defaultTimeZones,
                 Set<String> embargoedCountries) {

    static final String CLASSPATH_SEED = "/io/tapbridge/sandbox/tapio/seed.json";
    private static final Set<String> CAPABILITIES = Set.of(SandboxApplication.MACHINE_ASSIGNABLE,
            SandboxApplication.LIMITED_MACHINE_ASSIGNABLE);

    /** The file's shape; Jackson refuses unknown fields, so a typo in the seed is an error. */
    private record SeedFile(String about, String manufacturerSubscriptionId, List<SandboxApplication> applications,
                            List<SeedCustomer> customers, List<String> timeZones, Map<String, String> defaultTimeZones,
                            List<String> embargoedCountries) {
    }

    private record SeedCustomer(String subscriptionId, String customerNumber, String companyName, String companyStreet,
                                String companyTown, String companyZipCode, String countryId, String companyVat,
                                String adminUserEmail, String adminUserTitle, String adminUserFirstName,
                                String adminUserLastName, String telVoice, String locale, String timeZone) {
    }

    /** @param path a file, or null for the classpath seed */
    static TapioSeed load(String path) {
        SeedFile file;
        try (InputStream in = path == null ? TapioSeed.class.getResourceAsStream(CLASSPATH_SEED) : Files.newInputStream(Path.of(path))) {
            if (in == null) {
                throw new IllegalStateException("the tapio sandbox seed " + CLASSPATH_SEED + " is not on the classpath");
            }
            file = SandboxJson.MAPPER.readValue(in, SeedFile.class);
        } catch (IOException e) {
            String source = path == null ? CLASSPATH_SEED : path;
            throw new IllegalStateException("cannot read the tapio sandbox seed " + source + ": " + e.getMessage(), e);
        }
        return from(file);
    }

    private static TapioSeed from(SeedFile file) {
        require(Guids.isGuid(file.manufacturerSubscriptionId()), "manufacturerSubscriptionId must be a Guid");
        Map<String, String> zones = new LinkedHashMap<>();
        for (String zone : nonNull(file.timeZones())) {
            zones.put(zone.toLowerCase(Locale.ROOT), zone);
        }
        require(!zones.isEmpty(), "timeZones must not be empty");

        Map<String, SandboxApplication> apps = new LinkedHashMap<>();
        for (SandboxApplication app : nonNull(file.applications())) {
            require(Guids.isGuid(app.id()), "application id " + app.id() + " must be a Guid");
            require(CAPABILITIES.containsAll(app.capabilities()), "application " + app.id() + " has unknown capabilities " + app.capabilities());
            SandboxApplication canonical = new SandboxApplication(Guids.canonical(app.id()), app.name(), app.capabilities(), app.termsVersions());
            require(apps.put(canonical.id(), canonical) == null, "application " + app.id() + " is listed twice");
        }

        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, String> given = file.defaultTimeZones() == null ? Map.of() : file.defaultTimeZones();
        given.forEach((country, zone) -> {
            require(zones.containsKey(zone.toLowerCase(Locale.ROOT)), "default time zone " + zone + " is not in timeZones");
            defaults.put(country, zones.get(zone.toLowerCase(Locale.ROOT)));
        });
        require(zones.containsKey("utc"), "timeZones must contain UTC, the default of countries without one");

        List<SandboxCustomer> customers = nonNull(file.customers()).stream().map(c -> customer(c, zones)).toList();
        Set<String> embargoed = new TreeSet<>(nonNull(file.embargoedCountries()));
        return new TapioSeed(Guids.canonical(file.manufacturerSubscriptionId()), Collections.unmodifiableMap(apps),
                customers, Collections.unmodifiableMap(zones), Collections.unmodifiableMap(defaults),
                Collections.unmodifiableSet(embargoed));
    }

    private static SandboxCustomer customer(SeedCustomer c, Map<String, String> zones) {
        require(Guids.isGuid(c.subscriptionId()), "customer subscriptionId " + c.subscriptionId() + " must be a Guid");
        require(c.customerNumber() != null && c.companyName() != null && c.adminUserEmail() != null,
                "customer " + c.subscriptionId() + " needs customerNumber, companyName and adminUserEmail");
        require(c.countryId() != null && CountryConventions.isCountry(c.countryId()), "customer " + c.subscriptionId() + ": unknown countryId");
        require(c.timeZone() != null && zones.containsKey(c.timeZone().toLowerCase(Locale.ROOT)),
                "customer " + c.subscriptionId() + ": time zone " + c.timeZone() + " is not in timeZones");
        String country = c.countryId();
        return new SandboxCustomer(Guids.canonical(c.subscriptionId()), c.customerNumber(), c.companyName(),
                c.adminUserEmail(), c.locale(), zones.get(c.timeZone().toLowerCase(Locale.ROOT)), country, c.companyVat(),
                c.companyStreet(), c.companyTown(), c.companyZipCode(), c.adminUserTitle(), c.adminUserFirstName(),
                c.adminUserLastName(), c.telVoice(), CountryConventions.currency(country),
                CountryConventions.systemOfUnits(country), CountryConventions.paperFormat(country), true);
    }

    /** The canonical spelling of a Windows time-zone id, matched ignoring case as .NET does. */
    Optional<String> timeZone(String name) {
        return Optional.ofNullable(timeZones.get(name.toLowerCase(Locale.ROOT)));
    }

    String defaultTimeZone(String country) {
        return defaultTimeZones.getOrDefault(country, "UTC");
    }

    Optional<SandboxApplication> application(String id) {
        return Optional.ofNullable(applications.get(Guids.canonical(id)));
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException("tapio sandbox seed: " + message);
        }
    }
}
