package io.rpik8s.monitoring.health;

import io.smallrye.mutiny.Uni;
import io.vertx.core.net.NetClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.NetSocket;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.ext.web.codec.BodyCodec;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;

/**
 * Probes one service through its protocol, without blocking: HTTP GET on a health endpoint (2xx/3xx is up), the
 * PostgreSQL SSLRequest handshake (a real server answers 'S' or 'N'), or a plain TCP connect (Kafka, Dask, Ray GCS).
 */
@ApplicationScoped
public class ServiceProbe {

    /** PostgreSQL SSLRequest: length 8, code 80877103. */
    private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xd2, 0x16, 0x2f};

    private final Vertx vertx;
    private final WebClient http;

    public ServiceProbe(Vertx vertx, WebClient http) {
        this.vertx = vertx;
        this.http = http;
    }

    /** Completes when the service answered as expected, fails with the reason otherwise. */
    public Uni<Void> probe(String protocol, String address, Duration timeout) {
        // Deferred: a malformed address becomes this probe's failure instead of breaking the whole round.
        Uni<Void> probe = Uni.createFrom().deferred(() -> switch (protocol) {
            case "http" -> http(address, timeout);
            case "postgres" -> socket(address, timeout, true);
            case "tcp" -> socket(address, timeout, false);
            default -> Uni.createFrom().failure(new IllegalArgumentException("unknown protocol " + protocol));
        });
        return probe.ifNoItem().after(timeout).failWith(() -> new IllegalStateException(
                "no answer within " + timeout.toMillis() + " ms"));
    }

    private Uni<Void> http(String url, Duration timeout) {
        // URI.create: a malformed address fails as an IllegalArgumentException naming the fault. A 3xx is the
        // service's own answer (up), never followed; the request timeout frees the connection of a silent service.
        return http.getAbs(URI.create(url).toString()).followRedirects(false).timeout(timeout.toMillis())
                .as(BodyCodec.none()).send()
                .invoke(r -> {
                    if (r.statusCode() >= 400) {
                        throw new IllegalStateException("HTTP " + r.statusCode());
                    }
                }).replaceWithVoid();
    }

    private Uni<Void> socket(String address, Duration timeout, boolean postgres) {
        // Accept Kafka-style lists and schemes (PLAINTEXT://host:port,other:port): the first address is probed.
        address = address.split(",")[0].replaceFirst("^[A-Za-z_]+://", "");
        int colon = address.lastIndexOf(':');
        String host = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        var client = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) timeout.toMillis()));
        Uni<Void> probe = client.connect(port, host).chain(socket -> postgres ? sslRequest(socket)
                : socket.close());
        return probe.eventually(client::close);
    }

    private static Uni<Void> sslRequest(NetSocket socket) {
        Uni<Buffer> answer = Uni.createFrom().emitter(em -> {
            socket.handler(em::complete);
            socket.exceptionHandler(em::fail);
        });
        return socket.write(Buffer.buffer(SSL_REQUEST)).chain(() -> answer).invoke(b -> {
            byte first = b.getByte(0);
            if (first != 'S' && first != 'N') {
                throw new IllegalStateException("not a PostgreSQL server (answered " + (char) first + ")");
            }
        }).eventually(socket::close).replaceWithVoid();
    }
}
