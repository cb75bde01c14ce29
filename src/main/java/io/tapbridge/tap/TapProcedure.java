package io.tapbridge.tap;

/** The seven procedures of the TAP Store APIs; all share one path and travel in an envelope naming them. */
public enum TapProcedure {
    TAP_GET_CUSTOMERS_API(false),
    TAP_GET_MFG_MODELS_API(false),
    TAP_GET_PRODUCTS_API(false),
    TAP_GET_ORDER_API(false),
    TAP_GET_ACTIVATION_STATUS_API(false),
    TAP_CREATE_ORDER_API(true),
    TAP_RESEND_ACTIVATION_API(true);

    private final boolean post;

    TapProcedure(boolean post) {
        this.post = post;
    }

    /** POST procedures carry the envelope as body; GET ones as the URL-encoded {@code request} query parameter. */
    public boolean post() {
        return post;
    }

    /** Safe to repeat after a failure whose outcome is unknown. Creating an order is not. */
    public boolean idempotent() {
        return !post;
    }
}
