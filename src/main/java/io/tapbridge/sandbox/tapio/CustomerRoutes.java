package io.tapbridge.sandbox.tapio;

import io.tapbridge.sandbox.SandboxJson;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Find and create customers, their application settings, and e-mails to them (manufacturer routes). */
final class CustomerRoutes {

    static final String BASE = "/manufacturer/customerSubscriptions";
    private static final Set<String> MAIL_FIELDS = Set.of("content", "subject", "locale", "bccAddress");

    private final TapioState state;

    CustomerRoutes(TapioState state) {
        this.state = state;
    }

    void register(RouteTable routes) {
        routes.get(BASE, Access.MANUFACTURER, this::find)
                .post(BASE, Access.MANUFACTURER, this::create)
                .get(BASE + "/:subscriptionId/applicationSettings", Access.MANUFACTURER, this::applicationSettings)
                .post(BASE + "/:subscriptionId/sendMail", Access.MANUFACTURER, this::sendMail);
    }

    /** Exact match on the customer number; an empty array when none matches. */
    private ApiAnswer find(ApiRequest request) throws ApiError {
        String number = request.query("customerNumber").map(String::trim).orElse("");
        if (number.isEmpty()) {
            throw ApiError.invalid("customerNumber", "the query parameter is required");
        }
        ArrayNode found = SandboxJson.array();
        for (SandboxCustomer c : state.customers.values()) {
            if (number.equals(c.customerNumber())) {
                ObjectNode n = found.addObject();
                n.put("subscriptionId", c.subscriptionId());
                n.put("name", c.companyName());
            }
        }
        return ApiAnswer.json(200, found);
    }

    /** 400 for each violated rule, then 451 for an embargoed country, then 409 for a taken number or admin. */
    private ApiAnswer create(ApiRequest request) throws ApiError {
        SandboxCustomer customer = CustomerForm.read(request.json(), state.seed, Guids.random());
        if (state.seed.embargoedCountries().contains(customer.countryId())) {
            throw new ApiError(451, "Due to legal reasons it is not possible to create the customer subscription.",
                    List.of("companyCountry: " + customer.countryId() + " is under embargo"));
        }
        for (SandboxCustomer c : state.customers.values()) {
            if (c.customerNumber().equals(customer.customerNumber())) {
                throw ApiError.conflict("A customer subscription with customerNumber '" + customer.customerNumber()
                        + "' already exists (" + c.subscriptionId() + ").");
            }
            if (c.adminUserEmail().toLowerCase(Locale.ROOT).equals(customer.adminUserEmail().toLowerCase(Locale.ROOT))) {
                throw ApiError.conflict("The user '" + customer.adminUserEmail() + "' is already administrator in another subscription.");
            }
        }
        state.customers.put(customer.subscriptionId(), customer);
        ObjectNode body = SandboxJson.object();
        body.put("subscriptionId", customer.subscriptionId());
        return ApiAnswer.json(201, body);
    }

    private ApiAnswer applicationSettings(ApiRequest request) throws ApiError {
        SandboxCustomer c = state.requireCustomer(request.path("subscriptionId"));
        ObjectNode body = SandboxJson.object();
        body.put("subscriptionId", c.subscriptionId());
        body.put("countryId", c.countryId());
        ObjectNode i18n = body.putObject("internationalization");
        i18n.put("locale", c.locale());
        i18n.put("timeZone", c.timeZone());
        i18n.put("currency", c.currency());
        i18n.put("systemOfUnits", c.systemOfUnits());
        i18n.put("paperFormat", c.paperFormat());
        body.putNull("logo"); // "In case the customer has not specified a logo you will get null"
        return ApiAnswer.json(200, body);
    }

    /** Recorded, not sent: the mail goes to the subscription's contact person, whom the sandbox does not model. */
    private ApiAnswer sendMail(ApiRequest request) throws ApiError {
        BodyReader r = BodyReader.of(request.json(), MAIL_FIELDS);
        String content = r.requiredText("content").orElse(null);
        String subject = r.requiredText("subject").orElse(null);
        String locale = r.requiredText("locale").flatMap(l -> {
            var culture = Cultures.canonical(l);
            if (culture.isEmpty()) {
                r.problem("locale", "'" + l + "' is not a culture name such as de-DE or en-US");
            }
            return culture;
        }).orElse(null);
        String bcc = r.optionalText("bccAddress").map(String::trim).filter(b -> !b.isEmpty()).orElse(null);
        if (bcc != null && !CustomerForm.isEmail(bcc)) {
            r.problem("bccAddress", "'" + bcc + "' is not a valid e-mail address");
        }
        r.check();
        SandboxCustomer c = state.requireCustomer(request.path("subscriptionId"));
        state.mails.add(new SandboxMail(c.subscriptionId(), subject, content, locale, bcc));
        return ApiAnswer.empty(202);
    }
}
