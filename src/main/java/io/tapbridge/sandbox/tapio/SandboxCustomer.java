package io.tapbridge.sandbox.tapio;

/**
 * A customer subscription, seeded or created through the API. {@code adminUserEmail} is the request's
 * {@code adminUsereMail}; {@code countryId}, {@code locale} and {@code timeZone} are as the application
 * settings answer them ("DE", "de-DE", "W. Europe Standard Time"); currency, systemOfUnits and
 * paperFormat are the defaults of the country.
 */
public record SandboxCustomer(String subscriptionId, String customerNumber, String companyName,
                              String adminUserEmail, String locale, String timeZone, String countryId,
                              String companyVat, String companyStreet, String companyTown, String companyZipCode,
                              String adminUserTitle, String adminUserFirstName, String adminUserLastName,
                              String telVoice, String currency, String systemOfUnits, String paperFormat,
                              boolean seeded) {
}
