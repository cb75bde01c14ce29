package io.tapbridge.sandbox;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vert.x instance and the one HTTP server a sandbox runs on: small and quiet (two event loops, no file cache
 * directory), bound once, closed once. Shared by the TAP and the tapio sandbox.
 */
public final class SandboxHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxHost.class);

    private final String name;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
            .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile HttpServer server;

    /** @param name for messages: which sandbox this is */
    public SandboxHost(String name) {
        this.name = name;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Binds {@code router} and blocks until the port is bound; answers the port. Closes everything when it cannot bind. */
    public int listen(HttpServerOptions options, Router router) {
        try {
            server = vertx.createHttpServer(options).requestHandler(router).listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return server.actualPort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while binding the " + name, e);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("cannot bind the " + name + " to " + options.getHost() + ":" + options.getPort(), e);
        }
    }

    /** Stops the server, then Vert.x; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (server != null) {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("{}: Vert.x did not close cleanly: {}", name, e.toString());
        }
    }
}
