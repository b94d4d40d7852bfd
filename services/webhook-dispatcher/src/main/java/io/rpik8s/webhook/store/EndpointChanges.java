package io.rpik8s.webhook.store;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Tells when the endpoint table may have changed, whichever dispatcher changed it: a connection of the pool listens on
 * the channel that the table's triggers notify when a change commits (migration V3), and every notice, every write of
 * this process and every loss of the connection moves {@link #generation()} on. While nothing listens
 * ({@link #listening()} false: at start, after PostgreSQL dropped the connection) no copy of the table may be trusted;
 * the connection is opened again after a second.
 */
@ApplicationScoped
public class EndpointChanges {

    /** The channel of migration V3's triggers. */
    static final String CHANNEL = "webhook_endpoints";

    private static final Logger LOG = Logger.getLogger(EndpointChanges.class);
    private static final Duration RELISTEN_AFTER = Duration.ofSeconds(1);

    private final Pool pool;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicBoolean relistening = new AtomicBoolean();
    private volatile boolean listening;
    private volatile boolean stopped;
    private volatile SqlConnection connection;

    public EndpointChanges(Pool pool) {
        this.pool = pool;
    }

    void start(@Observes StartupEvent event) {
        listen();
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        listening = false;
        SqlConnection c = connection;
        if (c != null) {
            // UNLISTEN before the connection goes back to the pool, whose next user must not get the notices.
            c.query("UNLISTEN " + CHANNEL).execute().onTermination().call(c::close)
                    .subscribe().with(ok -> { }, failure -> { });
        }
    }

    /** Moves on with every change that may have touched the table; compare two readings to know. */
    public long generation() {
        return generation.get();
    }

    /** Whether changes made by other processes are heard now. */
    public boolean listening() {
        return listening;
    }

    /** The PostgreSQL backend of the listening connection, 0 while nothing listens. */
    public int listeningBackend() {
        SqlConnection c = connection;
        return listening && c != null ? PgConnection.cast(c).processId() : 0;
    }

    /** A change made here, committed: heard at once, before its notice comes back. */
    public void changed() {
        generation.incrementAndGet();
    }

    private void listen() {
        if (stopped) {
            return;
        }
        pool.getConnection().chain(this::listenOn).subscribe().with(
                c -> LOG.debugf("Listening for endpoint changes (backend %d)", PgConnection.cast(c).processId()),
                failure -> {
                    LOG.warnf("Cannot listen for endpoint changes, endpoints are read for every event until then: %s",
                            failure.getMessage());
                    listenLater();
                });
    }

    private Uni<SqlConnection> listenOn(SqlConnection c) {
        PgConnection pg = PgConnection.cast(c);
        pg.notificationHandler(notice -> changed());
        pg.closeHandler(this::lost);
        return c.query("LISTEN " + CHANNEL).execute()
                .map(done -> {
                    connection = c;
                    // Whatever was read before this point may have missed a change that nobody heard.
                    changed();
                    listening = true;
                    return c;
                })
                .onFailure().call(c::close);
    }

    private void lost() {
        boolean wasListening = listening;
        listening = false;
        connection = null;
        changed();
        if (!stopped) {
            if (wasListening) {
                LOG.warn("The connection listening for endpoint changes was closed; listening again");
            }
            listenLater();
        }
    }

    /** Listens again after a while; once, however many failures ask for it (a failed LISTEN also closes). */
    private void listenLater() {
        if (relistening.compareAndSet(false, true)) {
            Uni.createFrom().voidItem().onItem().delayIt().by(RELISTEN_AFTER).subscribe().with(ok -> {
                relistening.set(false);
                listen();
            });
        }
    }
}
