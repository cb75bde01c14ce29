package io.tapbridge.sandbox.tapio;

/** One operation of the API. It runs under the state lock; what it throws is answered as tapio's error body. */
@FunctionalInterface
interface RouteHandler {
    ApiAnswer handle(ApiRequest request) throws ApiError;
}
