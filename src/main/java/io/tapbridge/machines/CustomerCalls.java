package io.tapbridge.machines;

import static io.tapbridge.tapio.TapioClient.Client.MANUFACTURER;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tapbridge.http.TransportException;
import io.tapbridge.ledger.MachineRow;
import io.tapbridge.model.MachineColumn;
import io.tapbridge.tapio.CustomerRules;
import io.tapbridge.tapio.TapioAnswer;
import io.tapbridge.tapio.TapioClient;
import io.tapbridge.tapio.TapioPath;

/** The customer's steps: find it by the ERP's customer number, create it when tapio has none, write to it. */
final class CustomerCalls {

    private static final String CUSTOMERS = "/manufacturer/customerSubscriptions";
    /** What creating a customer needs beyond its number (telVoice, VAT, title and time zone are checked when given). */

    private final TapioClient tapio;
    private final CustomerMail mail;

    CustomerCalls(TapioClient tapio, CustomerMail mail) {
        this.tapio = tapio;
        this.mail = mail;
    }

    /** Result: the customer's subscription id, or "" when tapio has no customer with that number. */
    StepOutcome find(String customerNumber) throws TransportException, InterruptedException {
        TapioAnswer answer = tapio.get(MANUFACTURER, TapioPath.of(CUSTOMERS + "?customerNumber=%s", customerNumber));
        if (!answer.ok() || answer.body() == null || !answer.body().isArray()) {
            return StepOutcome.failed(answer, "finding customer " + customerNumber);
        }
        JsonNode found = answer.body();
        if (found.size() > 1) {
            List<String> names = new ArrayList<>();
            found.forEach(c -> names.add(c.path("name").asText() + " (" + c.path("subscriptionId").asText() + ")"));
            return StepOutcome.refused(answer, "customerNumber " + customerNumber + " is ambiguous in tapio: " + String.join(", ", names));
        }
        return StepOutcome.done(answer, found.isEmpty() ? "" : found.get(0).path("subscriptionId").asText());
    }

    /** Creates the customer from the row's new-customer columns; on 409 (created meanwhile) finds it again. */
    StepOutcome create(MachineRow row) throws TransportException, InterruptedException {
        String number = row.value(MachineColumn.CUSTOMER_NUMBER);
        ObjectNode customer = tapio.json().createObjectNode();
        customer.put("adminUsereMail", row.value(MachineColumn.ADMIN_USER_EMAIL)); // sic: the API's spelling
        RequestFields.putIfGiven(customer, row, MachineColumn.ADMIN_USER_TITLE, "adminUserTitle");
        customer.put("adminUserFirstName", row.value(MachineColumn.ADMIN_USER_FIRST_NAME));
        customer.put("adminUserLastName", row.value(MachineColumn.ADMIN_USER_LAST_NAME));
        customer.put("companyName", row.value(MachineColumn.COMPANY_NAME));
        customer.put("companyStreet", row.value(MachineColumn.COMPANY_STREET));
        customer.put("companyTown", row.value(MachineColumn.COMPANY_TOWN));
        customer.put("companyZipCode", row.value(MachineColumn.COMPANY_ZIP_CODE));
        customer.put("companyCountry", row.value(MachineColumn.COMPANY_COUNTRY));
        customer.put("companyVat", row.value(MachineColumn.COMPANY_VAT));
        customer.put("localeId", CustomerRules.culture(row.value(MachineColumn.LOCALE_ID)).orElse(row.value(MachineColumn.LOCALE_ID)));
        customer.put("telVoice", row.value(MachineColumn.TEL_VOICE));
        if (row.has(MachineColumn.TIME_ZONE)) {
            customer.putObject("applicationSettings").put("timeZone", row.value(MachineColumn.TIME_ZONE));
        }
        customer.put("customerNumber", number);
        TapioAnswer answer = tapio.post(MANUFACTURER, CUSTOMERS, customer);
        if (answer.status() == 201 || answer.status() == 200) {
            return StepOutcome.done(answer, answer.body() == null ? "" : answer.body().path("subscriptionId").asText(""),
                    "customer " + number + " created in tapio");
        }
        if (answer.status() == 409) {
            StepOutcome again = find(number);
            if (again.kind() == StepOutcome.Kind.DONE && !again.result().isEmpty()) {
                return again; // created by an earlier run or another row meanwhile
            }
        }
        return StepOutcome.failed(answer, "creating customer " + number);
    }

    /** The "machine is ready" mail, in the customer's locale from its application settings. Result: the subscription id. */
    StepOutcome notify(String subscriptionId, MachineRow row, String tmid, String machineName) throws TransportException, InterruptedException {
        TapioAnswer settings = tapio.get(MANUFACTURER, TapioPath.of(CUSTOMERS + "/%s/applicationSettings", subscriptionId));
        if (!settings.ok()) {
            return StepOutcome.failed(settings, "reading the application settings of customer subscription " + subscriptionId);
        }
        String locale = settings.body() == null ? "" : settings.body().path("internationalization").path("locale").asText("");
        CustomerMail.Letter letter = mail.machineReady(locale, row, tmid, machineName);
        ObjectNode body = tapio.json().createObjectNode().put("content", letter.html()).put("subject", letter.subject()).put("locale", letter.locale());
        TapioAnswer sent = tapio.post(MANUFACTURER, TapioPath.of(CUSTOMERS + "/%s/sendMail", subscriptionId), body);
        return sent.ok() ? StepOutcome.done(sent, subscriptionId) : StepOutcome.failed(sent, "sending the customer mail");
    }
}
