package io.tapbridge.sandbox;

import io.vertx.core.http.HttpMethod;

import java.util.Arrays;
import java.util.Optional;

/** The seven TAP Store procedures: the HTTP method each takes and the shape of its errorMessage. */
enum ApiProcedure {

    TAP_GET_CUSTOMERS_API(HttpMethod.GET, false, true),
    TAP_GET_MFG_MODELS_API(HttpMethod.GET, true, true),
    TAP_GET_PRODUCTS_API(HttpMethod.GET, false, false),
    TAP_GET_ORDER_API(HttpMethod.GET, false, false),
    TAP_GET_ACTIVATION_STATUS_API(HttpMethod.GET, false, false),
    TAP_CREATE_ORDER_API(HttpMethod.POST, true, false),
    TAP_RESEND_ACTIVATION_API(HttpMethod.POST, true, false);

    private final HttpMethod method;
    private final boolean errorsAsArray;
    private final boolean requestOptional;

    ApiProcedure(HttpMethod method, boolean errorsAsArray, boolean requestOptional) {
        this.method = method;
        this.errorsAsArray = errorsAsArray;
        this.requestOptional = requestOptional;
    }

    HttpMethod method() {
        return method;
    }

    /** The text shows errorMessage as an array of strings for these procedures and as a string for the others. */
    boolean errorsAsArray() {
        return errorsAsArray;
    }

    /** Only CUSTOMERS and MFG_MODELS may be called without the inner request object. */
    boolean requestOptional() {
        return requestOptional;
    }

    static Optional<ApiProcedure> byName(String name) {
        return Arrays.stream(values()).filter(p -> p.name().equals(name)).findFirst();
    }
}
