package io.rpik8s.webhook.store;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Statements that PostgreSQL aborted to break a deadlock, run again. Deleting an endpoint locks its deliveries in the
 * order its cascade finds them, while the outcomes of attempts and the leases lock theirs in the order of the ids they
 * are given: two such statements on the same deliveries may each wait for the other, and PostgreSQL then aborts one
 * of them (40P01) after {@code deadlock_timeout}. Every statement run through here has no effect once aborted and the
 * same effect when run again.
 */
public final class Deadlocks {

    private static final int ATTEMPTS = 3;

    private Deadlocks() {
    }

    /** Whether a statement failed only because PostgreSQL chose it to break a deadlock. */
    public static boolean detected(Throwable failure) {
        return failure instanceof PgException pg && "40P01".equals(pg.getSqlState());
    }

    /** {@code statement}, run again when PostgreSQL aborted it to break a deadlock. */
    public static <T> Uni<T> retried(Uni<T> statement) {
        return statement.onFailure(Deadlocks::detected).retry().atMost(ATTEMPTS - 1);
    }
}
