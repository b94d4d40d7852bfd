package io.rpik8s.webhook;

import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Deliveries put straight into the queue, as a recorded event leaves them when no slot was free for it. */
public final class QueuedDeliveries {

    private QueuedDeliveries() {
    }

    /** Inserts {@code n} messages of namespace {@code ns} and a pending delivery of each to the endpoint; their ids. */
    public static List<Long> insert(SqlClient client, String endpointId, String ns, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String messageId = "msg_queued_" + ns + "_" + i;
            ids.add(client.preparedQuery("INSERT INTO message (id, event_type, namespace, body) VALUES ($1, $2, $3, $4)")
                    .execute(Tuple.of(messageId, "deployment.scaled", ns, "{\"event\":\"deployment.scaled\"}"))
                    .chain(() -> client.preparedQuery(
                            "INSERT INTO delivery (message_id, endpoint_id) VALUES ($1, $2) RETURNING id")
                            .execute(Tuple.of(messageId, endpointId)))
                    .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0));
        }
        return ids;
    }
}
