/**
 * The embedded TAP Store sandbox: a stateful emulator of the Trimble TAP Store APIs and their OAuth2
 * token endpoint over real HTTP (Vert.x), for the bridge's demo and tests.
 *
 * <p>Entry points: {@link io.tapbridge.sandbox.TapSandbox} (start, inspect, control),
 * {@link io.tapbridge.sandbox.TapSandboxSettings}, {@link io.tapbridge.sandbox.SandboxFaults}.
 * Everything else is package-private.
 *
 * <p>Wire decisions where the vendor text is silent:
 * <ul>
 *   <li>"Number" values in answers (statusCode, uniqueId, siteUseId, orderNumber, lineNumber, …) are
 *       strings of digits; requests may send Number fields as JSON numbers or digit strings.</li>
 *   <li>Every answer that passed authentication carries {@code uniqueId}; 401, 429 and injected 5xx
 *       answers are the gateway's and have none. TAP_GET_ORDER_API answers both {@code uniqueId} (this
 *       call) and {@code uniqueID} (the order's id from TAP_CREATE_ORDER_API).</li>
 *   <li>errorMessage is an array for CREATE_ORDER, MFG_MODELS and RESEND_ACTIVATION, a string
 *       (problems joined with "; ") for the others; when the ProcName cannot be read: array for POST,
 *       string for GET. Messages name the field: {@code lines[2].carrierName: …}, where 2 is the
 *       0-based position in the lines array.</li>
 *   <li>An empty string in a search filter (CUSTOMERS, PRODUCTS, GET_ORDER) means "no filter", as
 *       the text's own example sends {@code "endCustomerName": ""}.</li>
 *   <li>TAP_GET_PRODUCTS_API answers one entry per (part, Manufacturer||Model) and adds
 *       {@code geoFenceRegions} to VRS parts ("API will share the geofence details for each item");
 *       its {@code model} filter ignores case and punctuation ("NAV900" finds Trimble||NAV-900).
 *       TAP_CREATE_ORDER_API's manufacturerModel must be the exact model part ("NAV-900").</li>
 *   <li>Order state is computed from timestamps: ORDER_CREATION_INPROGRESS for processingTime, then
 *       ERROR (a serial starts with errorSerialPrefix), ORDER_ON_HOLD (holdSerialPrefix) or SUCCESS;
 *       prefixes match case-insensitively. Elapsed time is the larger of the configured clock's advance
 *       and real time, so a fixed clock still lets orders complete.</li>
 * </ul>
 */
package io.tapbridge.sandbox;
