package io.tapbridge.sandbox.tapio;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.concurrent.TimeUnit;

/** The HTTP side: one port for the API and the token endpoint; every path goes through the gate. */
final class TapioServer {

    private static final long BODY_LIMIT = 1024 * 1024;

    private final Vertx vertx;
    private HttpServer server;

    TapioServer(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Binds and blocks until the port is bound; answers the port. */
    int start(String host, int port, RouteTable routes, ApiGate gate) {
        Router router = Router.router(vertx);
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
        routes.patterns().forEach((pattern, methods) -> router.route(pattern).handler(ctx -> gate.handle(ctx, methods)));
        router.route().handler(ctx -> gate.handle(ctx, null));
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                    .requestHandler(router)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return server.actualPort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the tapio sandbox", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind the tapio sandbox to " + host + ":" + port, e);
        }
    }

    void stop() {
        if (server != null) {
            try {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // closing anyway: Vert.x is closed next
            }
        }
    }
}
