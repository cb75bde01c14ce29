package io.tapbridge.tap;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** The resellers and end customers TAP_GET_CUSTOMERS_API shows to this client. */
public record TapCustomers(List<Reseller> resellers) {

    public record Site(String siteUseId, String address, String region) {
        public String describe() {
            return siteUseId + (address.isBlank() ? "" : " (" + address + ")");
        }
    }

    public record EndCustomer(String name, List<Site> shipTo) {
    }

    public record Reseller(String name, List<Site> billTo, List<Site> shipTo, List<EndCustomer> endCustomers) {
    }

    static TapCustomers from(JsonNode answer) {
        List<Reseller> resellers = new ArrayList<>();
        answer.path("resellers").forEach(r -> {
            List<EndCustomer> ends = new ArrayList<>();
            r.path("endCustomer").forEach(e -> ends.add(new EndCustomer(e.path("name").asText(), sites(e.path("shipTo")))));
            resellers.add(new Reseller(r.path("name").asText(), sites(r.path("billTo")), sites(r.path("shipTo")), ends));
        });
        return new TapCustomers(List.copyOf(resellers));
    }

    private static List<Site> sites(JsonNode array) {
        List<Site> sites = new ArrayList<>();
        array.forEach(s -> sites.add(new Site(s.path("siteUseId").asText(), s.path("address").asText(), s.path("region").asText())));
        return List.copyOf(sites);
    }

    /** Resellers whose name is {@code name}, ignoring case and repeated spaces. */
    public List<Reseller> resellersNamed(String name) {
        return resellers.stream().filter(r -> same(r.name(), name)).toList();
    }

    public Optional<Reseller> resellerBilledTo(String billToSiteUseId) {
        return resellers.stream().filter(r -> r.billTo().stream().anyMatch(s -> s.siteUseId().equals(billToSiteUseId))).findFirst();
    }

    /** Names that contain {@code name} or that {@code name} contains: the candidates an order desk may have meant. */
    public static List<String> similar(List<String> names, String name) {
        String wanted = normal(name);
        return names.stream().distinct().filter(n -> normal(n).contains(wanted) || wanted.contains(normal(n))).limit(10).toList();
    }

    public static boolean same(String a, String b) {
        return normal(a).equals(normal(b));
    }

    /** Without regard to case and repeated white space. */
    public static String normal(String text) {
        StringBuilder normal = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = normal.length() > 0;
            } else {
                if (space) {
                    normal.append(' ');
                    space = false;
                }
                normal.append(Character.toLowerCase(c));
            }
        }
        return normal.toString();
    }
}
