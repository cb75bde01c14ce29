/**
 * The embedded tapio sandbox: a stateful emulator of tapio's management API (manufacturer routes and
 * the licensing workflow) and of its Azure AD token endpoint, over real HTTP (Vert.x), for the bridge's
 * demo and tests. Paths as in INTEGRATION-NOTES.md; the bundle routes are not emulated.
 *
 * <p>Entry points: {@link io.tapbridge.sandbox.tapio.TapioSandbox} (start, inspect, control),
 * {@link io.tapbridge.sandbox.tapio.TapioSandboxSettings}, {@link io.tapbridge.sandbox.tapio.TapioFaults},
 * and the snapshot records ({@code Sandbox*}, {@link io.tapbridge.sandbox.tapio.TapioCall}). Everything
 * else is package-private. Seed: {@code seed.json} beside this package on the classpath.
 *
 * <p>Wire decisions where the vendor texts are silent:
 * <ul>
 *   <li><b>Order of checks.</b> Unknown path 404, other method 405 (with Allow), both before any token
 *       check; then, for API routes, rate limit 429 (Retry-After), bearer token 401, the token's role 403,
 *       an injected failure (failNext), the route. Within a route: the body (400, or 415 when it is not
 *       JSON), then the resources of path and body (404), then conflicts (409/451) and business rules.</li>
 *   <li><b>Tokens.</b> Wrong secret or unknown client: 401 {@code invalid_client} (Azure AD answers 400
 *       for an unknown client). Missing resource/scope: 400 {@code invalid_request}; a v2 scope without
 *       {@code /.default}: 400 {@code invalid_scope}; another resource: 400 {@code invalid_resource};
 *       another tenant in the path: 400. Error bodies are Azure AD's: error, error_description
 *       ("AADSTS…"), error_codes. v1 answers expires_in, ext_expires_in, expires_on, not_before as
 *       <em>strings</em> plus resource, as Azure AD v1 does; v2 answers numbers. Tokens are opaque; expiry
 *       follows the sandbox clock.</li>
 *   <li><b>Errors.</b> {@code {"message","details"}} everywhere except the token endpoint. A 400 for
 *       invalid input has the message "One or more validation errors occurred." and one detail per
 *       problem, naming the field: {@code telVoice: …}, {@code applicationSettings.timeZone: …},
 *       {@code data.validTo: …}, {@code tmids[1]: …}, and {@code [2].path: …} for JSON Patch operations.
 *       401 carries WWW-Authenticate: Bearer (error="invalid_token" for a known but expired token).</li>
 *   <li><b>Bodies.</b> A field the text does not document is a 400 (with a hint when only its case
 *       differs); JSON null counts as absent. Guid fields of a body must be Guids (400); ids compare
 *       ignoring case and are answered in lower case. 201/200/202/204 answers the texts show without a
 *       model have an empty body.</li>
 *   <li><b>Create customer.</b> Every field but adminUserTitle and applicationSettings.timeZone is
 *       required (the text marks only those two optional), companyVat included. {@code customerNumber} is
 *       a top-level field. companyCountry: ISO 3166 alpha-2, any case. localeId: language-REGION, any
 *       case, kept as "de-DE". telVoice: "00", then digits and blanks, at least 7 digits. timeZone: one of
 *       the seed's Windows ids, any case. VAT (VIES stand-in): for EU countries the country prefix (EL for
 *       Greece) and 2–12 letters or digits, ignoring blanks, dots, dashes. 451 for the seed's
 *       embargoedCountries (CU, IR, KP, SY), checked after 400 and before 409. 409 for an existing
 *       customerNumber (exact) or an admin e-mail already used (ignoring case). Without timeZone the
 *       seed's default for the country applies (else UTC); currency from the country,
 *       systemOfUnits "Imperial" for US/LR/MM else "Metric", paperFormat "Letter" for the Americas' letter
 *       countries else "A4"; logo null.</li>
 *   <li><b>Find customer</b> matches customerNumber exactly; without it 400. <b>sendMail</b> needs
 *       content, subject and locale; it is recorded, not sent.</li>
 *   <li><b>Machines.</b> tmidPostfix (default: serialNumber) must be 1–100 of {@code [A-Za-z0-9._~-]},
 *       because the tmid travels in paths. PATCH answers 200 with the machine model; add on a property is
 *       replace; remove restores the text's defaults (deviceType Machine, isTapioReady true,
 *       deviceSubType null) and is refused for displayName; a patch applies wholly or not at all. DELETE
 *       answers 409 for a machine that is or ever was onboarded; it removes the machine's metadata and
 *       its place in connectors, not its licences.</li>
 *   <li><b>Onboarding.</b> Blocked (serial starts with blockedSerialPrefix, ignoring case) is checked
 *       before "onboarded in another subscription"; both 409 with distinct messages. A repeated onboarding
 *       (200) keeps the customer's machine name: renaming is its own route. Offboarding takes no
 *       parameters.</li>
 *   <li><b>Connectors.</b> ccid: 64 random bytes, URL-safe Base64 (86 characters). Create needs at least
 *       one tmid; a PATCH may leave none. '/tmids/-' appends, '/tmids/{i}' inserts/replaces/removes, a
 *       tmid appears once per connector. The configuration is served while now &lt; createdAt + window,
 *       as application/xml in the GlobalConfig layout of tapio's CloudConnector documentation with a fake
 *       certificate; afterwards 404 saying it was deleted.</li>
 *   <li><b>Metadata.</b> POST answers 201 (new key) or 200 (replaced) with no body; GET answers the
 *       stored document. Keys are case-sensitive and listed sorted; limit 1–100 (default 10) and offset
 *       ≥ 0, else 400. An unknown application is 404.</li>
 *   <li><b>Licences.</b> Dates: "2020-04-03T00:00:00" (UTC), with an offset or Z, or a bare date; GET
 *       echoes them as sent. validTo must be after validFrom; machineCount an integer ≥ 1. createdAt and
 *       other timestamps are written as .NET does: "2025-05-12T09:00:00.0000000+00:00". The list pages by
 *       pageSize in creation order; the token is "-RID:+/…==" so that it must be URL-encoded (a raw one
 *       is a 400); the last page has {@code "continuationToken": null}.</li>
 *   <li><b>Terms of use.</b> One acceptance per subscription and application; accepting again answers
 *       200 and replaces the values. Without versionNumber the latest version is recorded; an unknown one
 *       is 400 (after the 404 checks). acceptedLanguage: ISO 639-1, kept in lower case.</li>
 *   <li><b>Assignment.</b> Order: 400 body; 404 machine, customer, application; 404 "not onboarded in
 *       that subscription"; 200 when already assigned; 400 when the application lacks the capability
 *       (connected: MachineAssignable, limited: LimitedMachineAssignable); 400 when the terms of use were
 *       not accepted there; 404 "no free license" with one detail per licence of the application saying
 *       why it is not free. A free licence: its machine is onboarded in that subscription, validFrom ≤
 *       now ≤ validTo on the sandbox clock, and fewer assignments took it than machineCount; the machine's
 *       own licence is preferred, then the oldest. An assignment keeps its licence even when that licence
 *       expires later. Unassign needs both query parameters (400).</li>
 *   <li><b>Faults and time.</b> failNext and slowNext also match the token endpoint; rateLimitNext only
 *       API routes. An answer is sent at arrival + max(latency, slowNext delay). The call log records
 *       the role of a token this sandbox issued even when it has expired. reset() restores the seed and
 *       clears calls, faults, the clock offset and the token counts; issued tokens stay valid.</li>
 * </ul>
 */
package io.tapbridge.sandbox.tapio;
