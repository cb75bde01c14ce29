package io.tapbridge.sandbox.tapio;

import io.tapbridge.sandbox.SandboxHost;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/** The HTTP side: one port for the API and the token endpoint; every path goes through the gate. */
final class TapioServer {

    private static final long BODY_LIMIT = 1024 * 1024;

    private TapioServer() {
    }

    /** Binds every route of {@code routes}, all through the gate, on {@code host}; answers the port. */
    static int start(SandboxHost host, int port, RouteTable routes, ApiGate gate) {
        Router router = Router.router(host.vertx());
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        routes.patterns().forEach((pattern, methods) -> router.route(pattern).handler(ctx -> gate.handle(ctx, methods)));
        router.route().handler(ctx -> gate.handle(ctx, null));
        return host.listen(new HttpServerOptions().setPort(port), router);
    }
}
