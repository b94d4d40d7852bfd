package io.rpik8s.dev.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain TCP relay on its own loopback port to another address, as an Ingress or a port-forward would be: what a test
 * needs to prove that a URL made for the public address works through it (bytes, Host header included, unchanged).
 */
public final class TcpForwarder implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tcp-forwarder");
        t.setDaemon(true);
        return t;
    });

    private TcpForwarder(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        threads.submit(() -> accept(target));
    }

    /** Relays a new loopback port to {@code host:port}. */
    public static TcpForwarder to(String host, int port) {
        try {
            return new TcpForwarder(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept(InetSocketAddress target) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                threads.submit(() -> pump(client, upstream));
                threads.submit(() -> pump(upstream, client));
            } catch (IOException e) {
                // Closed, or the target refused: this connection ends; the relay goes on until closed.
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // One side closed: both are closed below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}
