package io.tapbridge.sandbox;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The HTTP side: routes on one port for the TAP API, the token endpoint and the operator endpoints. */
final class SandboxServer {

    static final String API_PATH = "/cloud/TAPStoreAPIs/v1";
    /** Production spells the path in lower case; both are served. */
    static final String API_PATH_PROD = "/cloud/tapstoreapis/v1";
    static final String TOKEN_PATH = "/oauth/token";
    private static final long BODY_LIMIT = 1024 * 1024;

    private SandboxServer() {
    }

    /** Binds the TAP API, the token endpoint and the operator endpoints on {@code host}; answers the port. */
    static int start(SandboxHost host, int port, TapApiHandler api, TokenEndpoint token, OperatorEndpoints operator) {
        Router router = Router.router(host.vertx());
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
        router.route(API_PATH).handler(bodies).handler(api::handle);
        router.route(API_PATH_PROD).handler(bodies).handler(api::handle);
        router.post(TOKEN_PATH).handler(bodies).handler(token::handle);
        router.get("/sandbox/orders").handler(operator::listOrders);
        router.post("/sandbox/orders/:uniqueId/release").handler(operator::release);
        // the GET procedures carry their whole envelope in the URL
        return host.listen(new HttpServerOptions().setPort(port).setMaxInitialLineLength(16 * 1024), router);
    }
}
