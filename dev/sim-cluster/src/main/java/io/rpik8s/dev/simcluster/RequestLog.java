package io.rpik8s.dev.simcluster;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The requests the simulated API server received, newest last, as an API server's audit log would show them: for
 * tests that count what a client's operation costs the API server. Keeps the last {@value #CAPACITY}.
 */
public final class RequestLog {

    private static final int CAPACITY = 20_000;

    /**
     * One request.
     *
     * @param sequence its number, counting from 1
     * @param userAgent the client's User-Agent header ({@code k3s/...} for the simulated cluster's own controllers)
     */
    public record Request(long sequence, String method, String path, String query, String userAgent) {

        /** Watches stay open: a client's informers keep one per kind, they are not round trips. */
        public boolean isWatch() {
            return query != null && (query.contains("watch=true") || query.contains("watch=1"));
        }

        /** Whether the simulated cluster's own controllers sent it. */
        public boolean fromCluster() {
            return userAgent != null && userAgent.startsWith(SimulatedCluster.USER_AGENT_PREFIX);
        }

        @Override
        public String toString() {
            return method + " " + path + (query == null || query.isEmpty() ? "" : "?" + query);
        }
    }

    private final Deque<Request> requests = new ArrayDeque<>();
    private long sequence;

    synchronized void record(String method, String uri, String userAgent) {
        int q = uri.indexOf('?');
        requests.addLast(new Request(++sequence, method, q < 0 ? uri : uri.substring(0, q),
                q < 0 ? "" : uri.substring(q + 1), userAgent == null ? "" : userAgent));
        while (requests.size() > CAPACITY) {
            requests.removeFirst();
        }
    }

    /** The number of the last request received so far; {@link #since(long)} lists what comes after it. */
    public synchronized long mark() {
        return sequence;
    }

    /** The requests received after {@code mark}, oldest first. */
    public synchronized List<Request> since(long mark) {
        return requests.stream().filter(r -> r.sequence() > mark).toList();
    }
}
