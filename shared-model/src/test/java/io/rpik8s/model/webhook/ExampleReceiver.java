package io.rpik8s.model.webhook;

// tag::receiver[]
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/** A minimal webhook receiver on the JDK HTTP server: verifies every request, then hands the body on. */
public final class ExampleReceiver {

    public static HttpServer start(int port, String secret, Consumer<String> onEvent) throws IOException {
        WebhookVerifier verifier = new WebhookVerifier(secret); // the whsec_... shown at registration
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/webhooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            try {
                verifier.verify(Map.of(
                        "webhook-id", exchange.getRequestHeaders().getFirst("webhook-id"),
                        "webhook-timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        "webhook-signature", exchange.getRequestHeaders().getFirst("webhook-signature")), body);
                // webhook-id is stable across retries: use it to ignore a message you already processed.
                onEvent.accept(body);
                status = 204;
            } catch (WebhookVerificationException | NullPointerException e) {
                status = 400; // unsigned, forged or too old: not from the platform
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
// end::receiver[]
