package io.tapbridge.sandbox.tapio;

/** A method on a path pattern (Vert.x syntax, {@code /machines/:tmid}), who may call it and what it does. */
record ApiRoute(String method, String pattern, Access access, RouteHandler handler) {
}
