package io.tapbridge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP core, against a real local HTTP server: every classification the exactly-once logic rests on ("did the
 * request leave this machine?"), the token's one retry, the permit, Retry-After, HttpClient's retries being off, and
 * the timers.
 */
class HttpApiTest {

    private static final HttpApi.Timeouts QUICK = new HttpApi.Timeouts(Duration.ofSeconds(2), Duration.ofMillis(500));

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<Recorded> received = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger mostConcurrent = new AtomicInteger();
    private HttpServer server;

    /** What the server saw of one request. */
    record Recorded(String method, String path, String query, String authorization, String contentType, String accept, String body) {
    }

    /** What the server answers next (the last one again when none is queued). */
    record Reply(int status, String contentType, byte[] body, Map<String, String> headers, long delayMillis) {
        static Reply json(int status, String json) {
            return new Reply(status, "application/json", json.getBytes(StandardCharsets.UTF_8), Map.of(), 0);
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::answer);
        server.start();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        int now = concurrent.incrementAndGet();
        mostConcurrent.accumulateAndGet(now, Math::max);
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Accept"), body));
            Reply reply = replies.size() > 1 ? replies.poll() : replies.peek();
            if (reply == null) {
                reply = Reply.json(200, "{}");
            }
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis());
            }
            reply.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            concurrent.decrementAndGet();
            exchange.close();
        }
    }

    private HttpApi api(int maxConcurrency) {
        return api("test", maxConcurrency);
    }

    private HttpApi api(String name, int maxConcurrency) {
        return HttpApi.open(camel, name, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/base"), QUICK,
                maxConcurrency, meters);
    }

    /** Tokens t1, t2, ...; counts what was handed back. */
    private static final class Tokens implements BearerToken {
        final AtomicInteger issued = new AtomicInteger();
        final List<String> invalidated = Collections.synchronizedList(new ArrayList<>());
        private String current;

        @Override
        public synchronized String token() {
            if (current == null) {
                current = "t" + issued.incrementAndGet();
            }
            return current;
        }

        @Override
        public synchronized void invalidate(String rejected) {
            invalidated.add(rejected);
            if (rejected.equals(current)) {
                current = null;
            }
        }
    }

    @Test
    void aPostLeavesOnceWithItsPathQueryBodyTokenAndHeaders() throws Exception {
        replies.add(new Reply(200, "application/json", "{\"ok\":\"ä\"}".getBytes(StandardCharsets.UTF_8), Map.of(), 0));
        Tokens tokens = new Tokens();

        HttpApi.Response response = api(2).call(HttpApi.Request.of("CREATE", "POST", "/orders/a%20b").withQuery("x=1&y=%7B%7D")
                .withBody("application/json;charset=UTF-8", "{\"é\":1}").accepting("application/json"), tokens);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"ok\":\"ä\"}"); // UTF-8 although the answer names no charset
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/base/orders/a%20b"); // encoded once, not again
            assertThat(r.query()).isEqualTo("x=1&y=%7B%7D");
            assertThat(r.authorization()).isEqualTo("Bearer t1");
            assertThat(r.contentType().replace(" ", "")).isEqualToIgnoringCase("application/json;charset=UTF-8");
            assertThat(r.accept()).isEqualTo("application/json");
            assertThat(r.body()).isEqualTo("{\"é\":1}");
        });
    }

    @Test
    void aGetSendsNoBody() throws Exception {
        replies.add(new Reply(200, "text/plain; charset=ISO-8859-1", "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1), Map.of(), 0));

        HttpApi.Response response = api(2).call(HttpApi.Request.of("READ", "GET", "/things/1"), new Tokens());

        assertThat(response.body()).isEqualTo("café");
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.body()).isEmpty();
        });
    }

    @Test
    void aRefusedTokenGetsOneFreshTokenAndOneRetryAndTheIntentRunsOnce() throws Exception {
        replies.add(Reply.json(401, "{\"error\":\"expired\"}"));
        replies.add(Reply.json(200, "{\"uniqueId\":\"u1\"}"));
        Tokens tokens = new Tokens();
        AtomicInteger intents = new AtomicInteger();

        HttpApi.Response response = api(2).call(HttpApi.Request.of("CREATE", "POST", "").withBody("application/json", "{}")
                .withIntent(() -> intents.incrementAndGet() > 0), tokens);

        assertThat(response.status()).isEqualTo(200);
        assertThat(received).extracting(Recorded::authorization).containsExactly("Bearer t1", "Bearer t2");
        assertThat(tokens.invalidated).containsExactly("t1");
        assertThat(intents).hasValue(1);
    }

    @Test
    void aTokenRefusedTwiceIsTheAnswer() throws Exception {
        replies.add(Reply.json(401, "{}"));

        HttpApi.Response response = api(2).call(HttpApi.Request.of("READ", "GET", ""), new Tokens());

        assertThat(response.status()).isEqualTo(401);
        assertThat(received).hasSize(2);
    }

    @Test
    void a429Or503IsAnAnswerSentOnceWithItsRetryAfter() throws Exception {
        // HttpClient 5 by itself sends a repeatable POST again on 429 and 503: a second purchase
        HttpApi api = api(2);
        for (int status : new int[] {429, 503}) {
            received.clear();
            replies.clear();
            replies.add(new Reply(status, "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of("Retry-After", "7"), 0));

            HttpApi.Response response = api.call(HttpApi.Request.of("CREATE", "POST", "").withBody("application/json", "{}"), new Tokens());

            assertThat(response.status()).isEqualTo(status);
            assertThat(response.retryAfter()).isEqualTo(Duration.ofSeconds(7));
            assertThat(received).as("requests that reached the server on HTTP " + status).hasSize(1);
        }
    }

    @Test
    void aRefusedIntentSendsNothing() {
        HttpApi api = api(2);

        assertThatThrownBy(() -> api.call(HttpApi.Request.of("CREATE", "POST", "").withBody("application/json", "{}")
                .withIntent(() -> false), new Tokens()))
                .isInstanceOf(HttpApi.NotSent.class)
                .satisfies(e -> assertThat(((TransportException) e).requestSent()).isFalse());
        assertThat(received).isEmpty();
    }

    @Test
    void noConnectionMeansNotSent() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        HttpApi api = HttpApi.open(camel, "closed", URI.create("http://127.0.0.1:" + closedPort), QUICK, 2, meters);

        assertThatThrownBy(() -> api.call(HttpApi.Request.of("CREATE", "POST", "").withBody("application/json", "{}"), new Tokens()))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.requestSent()).isFalse());
    }

    @Test
    void noAnswerInTimeMayHaveBeenSent() {
        replies.add(new Reply(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of(), 2_000));
        HttpApi api = api(2);

        assertThatThrownBy(() -> api.call(HttpApi.Request.of("CREATE", "POST", "").withBody("application/json", "{}"), new Tokens()))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.requestSent()).isTrue());
        assertThat(received).hasSize(1);
    }

    @Test
    void aConnectionDroppedAfterTheRequestMayHaveBeenSent() throws Exception {
        try (ServerSocket dropper = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            ExecutorService accept = Executors.newSingleThreadExecutor();
            Future<Integer> bytesRead = accept.submit(() -> {
                try (Socket socket = dropper.accept()) {
                    InputStream in = socket.getInputStream();
                    byte[] buffer = new byte[8192];
                    return in.read(buffer); // the request arrives; the server then goes away without an answer
                }
            });
            HttpApi api = HttpApi.open(camel, "dropper", URI.create("http://127.0.0.1:" + dropper.getLocalPort()), QUICK, 2, meters);

            assertThatThrownBy(() -> api.call(HttpApi.Request.of("CREATE", "POST", "").withBody("application/json", "{}"), new Tokens()))
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.requestSent()).isTrue());
            assertThat(bytesRead.get()).isPositive();
            accept.shutdown();
        }
    }

    @Test
    void theClassificationOfEveryFailure() {
        assertThat(HttpApi.mayHaveBeenSent(new ConnectException("refused"))).isFalse();
        assertThat(HttpApi.mayHaveBeenSent(new ConnectTimeoutException("connect timed out"))).isFalse();
        assertThat(HttpApi.mayHaveBeenSent(new ConnectionRequestTimeoutException("no free connection"))).isFalse();
        assertThat(HttpApi.mayHaveBeenSent(new UnknownHostException("tap.example"))).isFalse();
        assertThat(HttpApi.mayHaveBeenSent(new SSLHandshakeException("bad certificate"))).isFalse();
        assertThat(HttpApi.mayHaveBeenSent(new IllegalStateException("wrapped", new ConnectException("refused")))).isFalse();
        assertThat(HttpApi.mayHaveBeenSent(new SocketTimeoutException("read timed out"))).isTrue();
        assertThat(HttpApi.mayHaveBeenSent(new NoHttpResponseException("no response"))).isTrue();
        assertThat(HttpApi.mayHaveBeenSent(new IOException("connection reset"))).isTrue();
        assertThat(HttpApi.mayHaveBeenSent(new RuntimeException("anything else"))).isTrue();
    }

    @Test
    void noTokenMeansNotSent() throws Exception {
        HttpApi tokenEndpoint = api("test-token", 1);
        replies.add(Reply.json(401, "{\"error\":\"invalid_client\"}"));
        OAuthClientCredentials refused = new OAuthClientCredentials("test", tokenEndpoint, "id", "secret", Map.of(),
                OAuthClientCredentials.ClientAuth.FORM, Duration.ofSeconds(30), "test.client-id", Clock.systemUTC());

        assertThatThrownBy(() -> api(2).call(HttpApi.Request.of("CREATE", "POST", "").withBody("application/json", "{}"), refused))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.requestSent()).isFalse();
                    assertThat(e.permanent()).as("credentials refused: waiting will not mend it").isTrue();
                    assertThat(e.getMessage()).contains("HTTP 401", "invalid_client", "test.client-id").doesNotContain("secret");
                });
        assertThat(received).as("only the token request").hasSize(1);
        assertThat(received.get(0).body()).contains("grant_type=client_credentials", "client_id=id");
    }

    @Test
    void callsBeyondThePermitWaitForIt() throws Exception {
        replies.add(new Reply(200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), Map.of(), 150));
        HttpApi api = api(2);
        Tokens tokens = new Tokens();
        ExecutorService callers = Executors.newFixedThreadPool(6);
        List<Future<HttpApi.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(callers.submit(() -> api.call(HttpApi.Request.of("READ", "GET", ""), tokens)));
        }
        for (Future<HttpApi.Response> call : calls) {
            assertThat(call.get().status()).isEqualTo(200);
        }
        callers.shutdown();

        assertThat(received).hasSize(6);
        assertThat(mostConcurrent).as("calls in flight at once").hasValue(2);
    }

    @Test
    void everyCallIsTimedByApiProcedureOutcomeAndStatus() throws Exception {
        replies.add(Reply.json(200, "{}"));
        HttpApi api = api(2);
        api.call(HttpApi.Request.of("READ", "GET", ""), new Tokens());
        api.call(HttpApi.Request.of("READ", "GET", ""), new Tokens());
        try {
            api.call(HttpApi.Request.of("CREATE", "POST", "").withBody("application/json", "{}").withIntent(() -> false), new Tokens());
        } catch (HttpApi.NotSent expected) {
            // counted as NOT_SENT
        }

        Timer answered = meters.find("tapbridge.http.calls").tags("api", "test", "procedure", "READ", "outcome", "ANSWERED", "status", "200").timer();
        Timer notSent = meters.find("tapbridge.http.calls").tags("api", "test", "procedure", "CREATE", "outcome", "NOT_SENT").timer();
        assertThat(answered).isNotNull();
        assertThat(answered.count()).isEqualTo(2);
        assertThat(notSent).isNotNull();
        assertThat(notSent.count()).isEqualTo(1);
    }

    @Test
    void retryAfterInSecondsOrAsAnHttpDate() {
        assertThat(HttpApi.retryAfter("120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(HttpApi.retryAfter(null)).isNull();
        String inAMinute = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        assertThat(HttpApi.retryAfter(inAMinute)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
        assertThat(HttpApi.retryAfter("soon-ish")).isEqualTo(Duration.ofSeconds(1));
    }
}
