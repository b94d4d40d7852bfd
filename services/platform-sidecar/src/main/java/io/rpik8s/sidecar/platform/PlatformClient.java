package io.rpik8s.sidecar.platform;

import io.rpik8s.model.sidecar.SidecarApi;
import io.rpik8s.sidecar.config.SidecarConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import io.vertx.mutiny.core.parsetools.RecordParser;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The platform's sidecar API for this app, over Vert.x' HTTP client (no REST client, to stay small). Every call
 * carries the pod's service-account token, read from its file each time because the kubelet rotates it.
 */
@ApplicationScoped
public class PlatformClient {

    private final HttpClient http;
    private final String base;
    private final Path tokenFile;

    public PlatformClient(Vertx vertx, SidecarConfig config) {
        // No idle timeout: the event stream may be quiet for long; the platform's heartbeat keeps it alive.
        this.http = vertx.createHttpClient(new HttpClientOptions().setIdleTimeout(0));
        this.base = config.platformUrl().replaceAll("/+$", "")
                + SidecarApi.base(config.app().namespace(), config.app().name());
        this.tokenFile = Path.of(config.tokenFile());
    }

    /** The app's events until the stream ends; fails when it cannot be opened (status other than 200). */
    public Multi<SseMessage> events() {
        return Multi.createFrom().deferred(() -> {
            SseParser parser = new SseParser();
            return request(HttpMethod.GET, SidecarApi.EVENTS, null)
                    .chain(r -> r.send())
                    .onItem().transformToMulti(PlatformClient::lines)
                    .map(line -> line.toString(StandardCharsets.UTF_8))
                    .onItem().transformToIterable(parser::line);
        });
    }

    /** The response's lines; a refusal (anything but 200) fails with the platform's answer. */
    private static Multi<Buffer> lines(HttpClientResponse response) {
        if (response.statusCode() != 200) {
            return response.body().onItem().transformToMulti(body -> Multi.createFrom().failure(
                    new IllegalStateException("the platform answered " + response.statusCode() + ": " + body)));
        }
        return RecordParser.newDelimited("\n", response).toMulti();
    }

    /** Posts a report ({@link SidecarApi#HEALTH} or {@link SidecarApi#CUSTOM}) with the app's trace context. */
    public Uni<PlatformAnswer> post(String path, String json, String traceparent) {
        return request(HttpMethod.POST, path, traceparent)
                .chain(r -> r.putHeader("Content-Type", "application/json").send(Buffer.buffer(json)))
                .chain(response -> response.body().map(body -> answer(response, body)));
    }

    private Uni<io.vertx.mutiny.core.http.HttpClientRequest> request(HttpMethod method, String path,
            String traceparent) {
        return Uni.createFrom().item(this::token).chain(token -> {
            RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(base + path)
                    .putHeader("Authorization", "Bearer " + token);
            if (traceparent != null) {
                options.putHeader("traceparent", traceparent);
            }
            return http.request(options);
        });
    }

    private static PlatformAnswer answer(HttpClientResponse response, Buffer body) {
        return new PlatformAnswer(response.statusCode(), response.getHeader("Content-Type"), body.toString());
    }

    private String token() {
        try {
            return Files.readString(tokenFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service-account token " + tokenFile
                    + " (is the projected token volume mounted?)", e);
        }
    }
}
