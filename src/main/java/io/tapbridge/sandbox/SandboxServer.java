package io.tapbridge.sandbox;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import java.util.concurrent.TimeUnit;

/** The HTTP side: routes on one port for the TAP API, the token endpoint and the operator endpoints. */
final class SandboxServer {

    static final String API_PATH = "/cloud/TAPStoreAPIs/v1";
    /** Production spells the path in lower case; both are served. */
    static final String API_PATH_PROD = "/cloud/tapstoreapis/v1";
    static final String TOKEN_PATH = "/oauth/token";
    private static final long BODY_LIMIT = 1024 * 1024;

    private final Vertx vertx;
    private HttpServer server;

    SandboxServer(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Binds and blocks until the port is bound; answers the port. */
    int start(String host, int port, TapApiHandler api, TokenEndpoint token, OperatorEndpoints operator) {
        Router router = Router.router(vertx);
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(BODY_LIMIT);
        router.route(API_PATH).handler(bodies).handler(api::handle);
        router.route(API_PATH_PROD).handler(bodies).handler(api::handle);
        router.post(TOKEN_PATH).handler(bodies).handler(token::handle);
        router.get("/sandbox/orders").handler(operator::listOrders);
        router.post("/sandbox/orders/:uniqueId/release").handler(operator::release);
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)
                            // the GET procedures carry their whole envelope in the URL
                            .setMaxInitialLineLength(16 * 1024))
                    .requestHandler(router)
                    .listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return server.actualPort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the TAP sandbox", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot bind the TAP sandbox to " + host + ":" + port, e);
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
