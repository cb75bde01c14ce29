package io.tapbridge.sandbox;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a sandbox runs on: a Vert.x instance, small and quiet (two event loops, no file cache directory), with one
 * HTTP server, started once and closed once. Shared by the TAP and the tapio sandbox.
 */
public final class SandboxHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SandboxHost.class);

    private final String name;
    private final String bindAddress;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Vertx vertx;
    private volatile HttpServer server;
    private volatile int port = -1;

    /**
     * @param name        for messages: which sandbox this is
     * @param bindAddress the address the server binds to
     */
    public SandboxHost(String name, String bindAddress) {
        this.name = name;
        this.bindAddress = bindAddress;
    }

    /** Starts Vert.x and lets {@code bind} register the routes and {@link #listen} on it; blocks until the port is bound. */
    public void start(ToIntFunction<SandboxHost> bind) {
        if (closed.get()) {
            throw new IllegalStateException("the " + name + " is closed");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the " + name + " is already started");
        }
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        port = bind.applyAsInt(this);
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Binds {@code router} and blocks until the port is bound; answers the port. Closes everything when it cannot bind. */
    public int listen(HttpServerOptions options, Router router) {
        options.setHost(bindAddress);
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
            throw new IllegalStateException("cannot bind the " + name + " to " + bindAddress + ":" + options.getPort(), e);
        }
    }

    public int port() {
        if (port < 0) {
            throw new IllegalStateException("the " + name + " is not started");
        }
        return port;
    }

    /** {@code http://host:port}, with a host a client can call (not a wildcard bind address). */
    public String root() {
        String host = bindAddress;
        if ("0.0.0.0".equals(host) || "::".equals(host)) {
            host = "127.0.0.1";
        }
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    /** Stops the server, then Vert.x; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true) || vertx == null) {
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
        LOG.info("{} on port {} stopped", name, port);
    }
}
