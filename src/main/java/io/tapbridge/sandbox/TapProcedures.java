package io.tapbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Dispatches a parsed envelope to its procedure. A procedure answers its success body or throws a TapError. */
final class TapProcedures {

    private final CatalogueProcedures catalogue;
    private final OrderProcedures orders;

    TapProcedures(CatalogueProcedures catalogue, OrderProcedures orders) {
        this.catalogue = catalogue;
        this.orders = orders;
    }

    ObjectNode handle(Envelope envelope, String clientId, String uniqueId) throws TapError {
        ObjectNode request = envelope.request();
        return switch (envelope.procedure()) {
            case TAP_GET_CUSTOMERS_API -> catalogue.customers(clientId, request, uniqueId);
            case TAP_GET_MFG_MODELS_API -> catalogue.manufacturerModels(clientId, request, uniqueId);
            case TAP_GET_PRODUCTS_API -> catalogue.products(clientId, request, uniqueId);
            case TAP_GET_ORDER_API -> orders.getOrder(clientId, request, uniqueId);
            case TAP_GET_ACTIVATION_STATUS_API -> orders.activationStatus(clientId, request, uniqueId);
            case TAP_CREATE_ORDER_API -> orders.createOrder(clientId, request, uniqueId);
            case TAP_RESEND_ACTIVATION_API -> orders.resendActivation(clientId, request, uniqueId);
        };
    }
}
